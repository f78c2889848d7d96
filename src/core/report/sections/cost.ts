/** The cost breakdown, labelled as an estimate. */
import { formatUsd, RUNNER_COST_BASIS } from '../../cost/runner-cost.js'
import { escapeTableCell } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { table } from './md.js'

const TEXT_CHARS = 200

export function costSection(view: ReportView): Section | undefined {
  if (view.costLines.length === 0) return undefined
  const lines = view.costLines.map((l) => [
    l.tier,
    escapeTableCell(l.item, TEXT_CHARS),
    l.usd === null ? 'usage-priced' : formatUsd(l.usd),
    escapeTableCell(l.note ?? '', TEXT_CHARS)
  ])
  lines.push(['', '**total**', `**${formatUsd(view.costUsd)}**`, ''])
  const basis = `Runner minutes at ${formatUsd(view.runnerPricePerMinute)}/min: ${RUNNER_COST_BASIS}.`
  return {
    id: 'cost',
    title: 'cost breakdown',
    dropOrder: 5,
    markdown: `### 💲 Cost (estimate)\n\n${table(['Tier', 'Item', 'Estimate', 'Note'], lines, ['left', 'left', 'right', 'left'])}\n\n${basis}`
  }
}
