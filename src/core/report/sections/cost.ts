/** The cost breakdown, labelled as an estimate. */
import { formatUsd, RUNNER_COST_BASIS } from '../../cost/runner-cost.js'
import { escapeTableCell } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { table } from './md.js'

const TEXT_CHARS = 200

export function costSection(view: ReportView): Section | undefined {
  if (view.costLines.length === 0) return undefined
  // Two columns (the tier leads the item), so resource types such as AWS::DynamoDB::Table fit a phone.
  const lines = view.costLines.map((l) => [
    `**${l.tier}** ${escapeTableCell(l.item, TEXT_CHARS)}` +
      (l.note ? `<br><sub>${escapeTableCell(l.note, TEXT_CHARS)}</sub>` : ''),
    l.usd === null ? 'usage-priced' : formatUsd(l.usd)
  ])
  lines.push(['**total**', `**${formatUsd(view.costUsd)}**`])
  const basis = `Runner minutes at ${formatUsd(view.runnerPricePerMinute)}/min: ${RUNNER_COST_BASIS}.`
  return {
    id: 'cost',
    title: 'cost breakdown',
    dropOrder: 5,
    markdown: `### 💲 Cost (estimate)\n\n${table(['Item', 'Estimate'], lines, ['left', 'right'])}\n\n${basis}`
  }
}
