/** The verdict: result, counts, duration, estimated cost, and where the run came from. Never dropped. */
import { formatDuration, formatUsd } from '../../cost/runner-cost.js'
import { codeSpan, escapeInline } from '../escape.js'
import { runVerdict, shortRef, VERDICT_LABEL } from '../labels.js'
import type { Section } from '../section.js'
import type { ReportView, RunOrigin } from '../view.js'
import { count, counted, nbsp } from './md.js'

export const SUMMARY_TITLE = 'Serverless test pyramid'

/** "3,004 tests: 3,003 failed, 1 passed, 0 skipped, 1 flaky" or what stands for it without a report. */
export function countsText(view: ReportView): string {
  const c = view.counts
  if (c.tests === 0) return 'no test report: tier results from exit codes'
  return `**${counted(c.tests, c.tests === 1 ? 'test' : 'tests')}**: ${[
    counted(c.failed, 'failed'),
    counted(c.passed, 'passed'),
    counted(c.skipped, 'skipped'),
    counted(c.flaky, 'flaky')
  ].join(', ')}`
}

export function verdictSection(view: ReportView): Section {
  const verdict = VERDICT_LABEL[runVerdict(view.result, view.counts.flaky)]
  const line = [
    countsText(view),
    `⏱️ ${nbsp(formatDuration(view.durationMs))}`,
    `💲 ${formatUsd(view.costUsd)} (estimate)`
  ].join(' · ')
  return {
    id: 'verdict',
    title: 'verdict',
    dropOrder: 0,
    markdown: [`## ${verdict.icon} ${SUMMARY_TITLE}: ${verdict.word}`, line, originLine(view.origin)]
      .filter((p) => p !== '')
      .join('\n\n')
  }
}

/** `push` on `main` at `0123456` · run 987654321, attempt 1 (linked) — or "local run" and no link. */
export function originLine(o: RunOrigin): string {
  const parts: string[] = []
  if (!o.onGitHub) parts.push('local run ·')
  if (o.eventName) parts.push(codeSpan(o.eventName))
  if (o.ref) parts.push(`on ${codeSpan(shortRef(o.ref))}`)
  if (o.sha && !/^0+$/.test(o.sha)) parts.push(`at ${codeSpan(o.sha.slice(0, 7))}`)
  if (o.runUrl !== undefined)
    parts.push(`· [run ${escapeInline(o.runId)}, attempt ${count(o.runAttempt)}](${o.runUrl})`)
  return parts.length > 0 ? `<sub>${parts.join(' ')}</sub>` : ''
}
