/** The verdict line: result, counts, duration, estimated cost, and where the run came from. Never dropped. */
import { runUrl } from '../../context.js'
import { formatDuration, formatUsd } from '../../cost/runner-cost.js'
import type { RunReport } from '../../results/report.js'
import { codeSpan, escapeInline } from '../escape.js'
import { plural, RUN_RESULT_WORD, runIcon, shortRef } from '../labels.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'

export const SUMMARY_TITLE = 'Serverless test pyramid'

export function verdictSection(report: RunReport, view: ReportView): Section {
  const c = view.counts
  const icon = runIcon(view.result, c.flaky)
  const word =
    view.result === 'success' && c.flaky > 0 ? 'passed with flaky tests' : RUN_RESULT_WORD[view.result]
  const tests =
    c.tests === 0
      ? ['**no test results** (tier results from exit codes)']
      : [
          `**${plural(c.tests, 'test')}**: ${c.passed.toLocaleString('en-US')} passed`,
          `${c.failed.toLocaleString('en-US')} failed`,
          `${c.skipped.toLocaleString('en-US')} skipped`,
          `${c.flaky.toLocaleString('en-US')} flaky`
        ]
  const counts = [
    ...tests,
    `⏱️ ${formatDuration(view.durationMs)}`,
    `💲 ${formatUsd(view.costUsd)} (estimate)`
  ].join(' · ')
  return {
    id: 'verdict',
    title: 'verdict',
    dropOrder: 0,
    markdown: [`## ${icon} ${SUMMARY_TITLE}: ${word}`, counts, origin(report)]
      .filter((p) => p !== '')
      .join('\n\n')
  }
}

function origin(report: RunReport): string {
  const ctx = report.context
  const parts: string[] = []
  if (ctx.eventName) parts.push(codeSpan(ctx.eventName))
  if (ctx.ref) parts.push(`on ${codeSpan(shortRef(ctx.ref))}`)
  if (ctx.sha) parts.push(`at ${codeSpan(ctx.sha.slice(0, 7))}`)
  if (ctx.runId && ctx.serverUrl && ctx.repository) {
    parts.push(`· [run ${escapeInline(ctx.runId)}, attempt ${ctx.runAttempt}](${runUrl(ctx)})`)
  }
  return parts.length > 0 ? `<sub>${parts.join(' ')}</sub>` : ''
}
