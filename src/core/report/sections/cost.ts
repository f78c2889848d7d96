/** The cost breakdown, labelled as an estimate. */
import { formatUsd, RUNNER_COST_BASIS } from '../../cost/runner-cost.js'
import type { RunReport } from '../../results/report.js'
import { escapeTableCell } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { table } from './md.js'

const TEXT_CHARS = 200

export function costSection(report: RunReport, view: ReportView): Section | undefined {
  const ran = view.tiers.filter((t) => t.result !== 'skipped' || t.run.costUsd > 0)
  if (ran.length === 0 && report.costLines.length === 0) return undefined
  const lines =
    report.costLines.length > 0
      ? report.costLines.map((l) => [
          l.tier,
          escapeTableCell(l.item, TEXT_CHARS),
          l.usd === null ? 'usage-priced' : formatUsd(l.usd),
          escapeTableCell(l.note ?? '', TEXT_CHARS)
        ])
      : ran.map((t) => [t.run.tier, 'runner minutes', formatUsd(t.run.costUsd), ''])
  lines.push(['', '**total**', `**${formatUsd(view.costUsd)}**`, ''])
  const basis = `Runner minutes at ${formatUsd(report.runnerPricePerMinute)}/min: ${RUNNER_COST_BASIS}.`
  return {
    id: 'cost',
    title: 'cost breakdown',
    dropOrder: 5,
    markdown: `### 💲 Cost (estimate)\n\n${table(['Tier', 'Item', 'Estimate', 'Note'], lines, ['left', 'left', 'right', 'left'])}\n\n${basis}`
  }
}
