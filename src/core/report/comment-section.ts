/**
 * This job's section of the sticky PR comment: the verdict line, the tier table, and the failed and
 * flaky tests folded in <details> (the comment fitter folds those first when the comment grows too big),
 * plus the across-run block from history. Pure.
 */
import { runUrl } from '../context.js'
import { formatDuration, formatUsd } from '../cost/runner-cost.js'
import type { RunReport } from '../results/report.js'
import { codeSpan } from './escape.js'
import { plural, RUN_RESULT_WORD, runIcon } from './labels.js'
import { failedSection } from './sections/failed.js'
import { flakySection } from './sections/flaky.js'
import { tiersSection } from './sections/tiers.js'
import { reportView } from './view.js'

export function commentSection(report: RunReport, opts: { label: string; historyBlock?: string }): string {
  const view = reportView(report)
  const c = view.counts
  const word =
    view.result === 'success' && c.flaky > 0 ? 'passed with flaky tests' : RUN_RESULT_WORD[view.result]
  const line = [
    `${runIcon(view.result, c.flaky)} ${codeSpan(opts.label)} **${word}**`,
    c.tests === 0
      ? 'no test results'
      : `${plural(c.tests, 'test')}: ${c.failed} failed, ${c.flaky} flaky, ${c.skipped} skipped`,
    `⏱️ ${formatDuration(view.durationMs)}`,
    `💲 ${formatUsd(view.costUsd)} (estimate)`
  ].join(' · ')
  const folded = [failedSection(view), flakySection(view, report.failOnFlaky)]
    .filter((s) => s !== undefined)
    .map((s) => `<details><summary>${s.title ?? s.id}</summary>\n\n${s.compact ?? s.markdown}\n\n</details>`)
  const link = report.context.runId ? `[Full report in the job summary](${runUrl(report.context)})` : ''
  return [line, tiersSection(view).markdown, ...folded, opts.historyBlock ?? '', link]
    .filter((p) => p.trim() !== '')
    .join('\n\n')
}
