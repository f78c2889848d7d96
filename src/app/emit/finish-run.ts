/**
 * After the tiers: publish the run's report. The CTRF file and the job summary come first and never
 * depend on the network; the history and the PR comment may fail alone and only add a warning.
 * Returns the message the step fails with, or undefined.
 */
import { combinedResult, commandAttempts } from '../../core/results/run.js'
import type { RunReport } from '../../core/results/report.js'
import type { ReportView } from '../../core/report/view.js'
import type { Runtime } from '../runtime.js'
import { loadHistory, saveHistory } from './history.js'
import { postComment } from './comment.js'
import { annotateFailures, viewOf, writeCtrf, writeSummaryAndOutputs } from './write-report.js'

export async function finishRun(rt: Runtime, report: RunReport): Promise<string | undefined> {
  const view = viewOf(rt, report)
  const reportPath = await writeCtrf(rt, report, view)
  const history = rt.host === 'action' ? await loadHistory(rt, report) : undefined
  const annotationsEmitted = annotateFailures(rt, view)
  const comment =
    rt.host === 'action' ? await postComment(rt, report, view, history?.commentBlock) : undefined
  const withNote = comment?.note ? { ...view, commentNote: comment.note } : view
  await writeSummaryAndOutputs(rt, report, withNote, {
    reportPath,
    annotationsEmitted,
    extraSections: history?.sections ?? [],
    ...(comment?.url ? { commentUrl: comment.url } : {})
  })
  if (history) await saveHistory(rt, history)
  return verdictFailure(report, view)
}

/** The step's failure message, from the tier results and counts the view derived. */
function verdictFailure(report: RunReport, view: ReportView): string | undefined {
  const result = combinedResult(view.tiers.map((row) => row.result))
  if (result === 'cancelled')
    return 'the run was cancelled; the job summary says what ran and what was cleaned up'
  if (result !== 'failure') return undefined
  const why = view.tiers
    .filter((row) => row.result === 'failed')
    .map(({ run: t, counts: c }) => {
      if (t.outcome.kind === 'setup-failed') return `${t.tier} setup failed: ${t.outcome.reason}`
      if (t.teardownFailure !== undefined) return `${t.tier} teardown failed: ${t.teardownFailure}`
      if (c.failed > 0) return `${t.tier}: ${c.failed} failed test(s)`
      if (c.flaky > 0 && report.failOnFlaky)
        return `${t.tier}: ${c.flaky} flaky test(s) and fail-on-flaky is on`
      const attempts = commandAttempts(t)
      const last = attempts[attempts.length - 1]
      return `${t.tier}: the command exited ${last?.exitCode ?? last?.signal ?? 'abnormally'}`
    })
  return `the test pyramid failed — ${why.join('; ')}. The job summary has the details.`
}
