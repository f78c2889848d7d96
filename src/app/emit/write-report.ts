/**
 * What every run leaves behind whatever else fails: the CTRF file, the job summary, the error
 * annotations and the outputs. The PR comment and the history come after, and may fail alone.
 * Everything here renders the one view of the run (core/report/view.ts) that finishRun derived.
 */
import path from 'node:path'
import { failedTestAnnotations, MAX_ERROR_ANNOTATIONS } from '../../core/report/annotations.js'
import { ctrfJson } from '../../core/report/ctrf.js'
import type { Section } from '../../core/report/section.js'
import { renderSummary } from '../../core/report/summary.js'
import { reportView, type ReportView } from '../../core/report/view.js'
import type { RunReport } from '../../core/results/report.js'
import type { RunOutputName } from '../../inputs/output-names.js'
import type { Runtime } from '../runtime.js'
import { runOutputs } from './action-outputs.js'
import { TOOL } from './tool.js'
import { thousands } from '../../core/thousands.js'

/** The view of the run, derived once: paths in failure excerpts are made relative to the checkout. */
export function viewOf(rt: Runtime, report: RunReport): ReportView {
  return reportView(report, { roots: [rt.repoRoot] })
}

/**
 * Writes the CTRF report as a stream (a run's tests are never held as one document or one string);
 * returns its path as given to the user (relative to the workspace when inside).
 */
export async function writeCtrf(rt: Runtime, report: RunReport, view: ReportView): Promise<string> {
  const absolute = path.resolve(rt.repoRoot, rt.inputs.reportPath)
  await rt.workspace.writeChunks(absolute, withNewline(ctrfJson(report, TOOL, view)))
  const relative = path.relative(rt.repoRoot, absolute)
  return relative.startsWith('..') ? absolute : relative
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces
  yield '\n'
}

/** Emits the first failed tests as error annotations; returns how many were emitted. */
export function annotateFailures(rt: Runtime, view: ReportView): number {
  const shown = failedTestAnnotations(view, MAX_ERROR_ANNOTATIONS)
  for (const a of shown) {
    rt.log.error(a.message, {
      title: a.title,
      ...(a.file ? { file: a.file } : {}),
      ...(a.line ? { startLine: a.line } : {})
    })
  }
  const more = view.failures.total - shown.length
  if (more > 0)
    rt.log.info(
      `${thousands(more)} more failed test(s) are not annotated (GitHub shows at most ${MAX_ERROR_ANNOTATIONS} error annotations per step): the job summary lists them.`
    )
  return shown.length
}

export async function writeSummaryAndOutputs(
  rt: Runtime,
  report: RunReport,
  view: ReportView,
  opts: { reportPath: string; annotationsEmitted?: number; extraSections: Section[]; commentUrl?: string }
): Promise<string> {
  const markdown = renderSummary(view, {
    extraSections: opts.extraSections,
    ...(opts.annotationsEmitted !== undefined ? { annotationsEmitted: opts.annotationsEmitted } : {})
  })
  await rt.summary.append(markdown)
  const outputs = runOutputs(report, view, opts.reportPath, opts.commentUrl)
  for (const name of Object.keys(outputs) as RunOutputName[]) rt.outputs.set(name, outputs[name])
  return markdown
}
