/**
 * The cost breakdown, labelled as an estimate: every line with its kind shown in the amount column,
 * the total as the sum of the rows. The compact form keeps the lines with an amount and counts the rest.
 */
import { formatUsd } from '../../cost/runner-cost.js'
import { costNotes, costRows, unpricedCounts, type CostRow } from '../cost-rows.js'
import { escapeTableCell } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { table } from './md.js'

const TEXT_CHARS = 300
const HEADING = '### 💲 Cost (estimate)'

export function costSection(view: ReportView): Section | undefined {
  const lines = view.cost.lines
  if (lines.length === 0) return undefined
  const rows = costRows(lines)
  const total = ['**total**', `**${formatUsd(view.cost.totalUsd)}**`]
  const notes = costNotes(view).join(' ')
  // Two columns (the tier leads the item), so resource types such as AWS::DynamoDB::Table fit a phone.
  const full = table(['Item', 'Estimate'], [...rows.map(cells), total], ['left', 'right'])
  const metered = rows.filter((r) => r.kind === 'metered')
  const others = unpricedCounts(lines)
  const compact = [
    HEADING,
    table(['Item', 'Estimate'], [...metered.map(cells), total], ['left', 'right']),
    ...(others !== undefined
      ? [`Also ${others} lines (left out to fit; in the job summary of the run).`]
      : [])
  ]
  return {
    id: 'cost',
    title: 'cost breakdown',
    dropOrder: 5,
    markdown: `${HEADING}\n\n${full}\n\n${notes}`,
    compact: compact.join('\n\n')
  }
}

function cells(r: CostRow): string[] {
  const detail = r.detail !== undefined ? `<br><sub>${escapeTableCell(r.detail, TEXT_CHARS)}</sub>` : ''
  const amount = r.kind === 'metered' ? r.amount : `*${r.amount}*`
  return [`**${r.tier}** ${escapeTableCell(r.item, TEXT_CHARS)}${detail}`, amount]
}
