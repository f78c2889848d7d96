/**
 * What every run leaves behind whatever else fails: the CTRF file, the job summary, the error
 * annotations and the outputs. The PR comment and the history come after, and may fail alone.
 */
import path from 'node:path'
import {
  annotationOverflowNote,
  failedTestAnnotations,
  MAX_ERROR_ANNOTATIONS
} from '../../core/report/annotations.js'
import { toCtrf } from '../../core/report/ctrf.js'
import type { Section } from '../../core/report/section.js'
import { renderSummary } from '../../core/report/summary.js'
import type { RunReport } from '../../core/results/report.js'
import { runTotals } from '../../core/results/run-totals.js'
import type { Runtime } from '../runtime.js'
import { runOutputs } from './action-outputs.js'
import { TOOL } from './tool.js'

/** Writes the CTRF report; returns its path as given to the user (relative to the workspace when inside). */
export async function writeCtrf(rt: Runtime, report: RunReport): Promise<string> {
  const absolute = path.resolve(rt.repoRoot, rt.inputs.reportPath)
  await rt.workspace.writeFile(absolute, JSON.stringify(toCtrf(report, TOOL)) + '\n')
  const relative = path.relative(rt.repoRoot, absolute)
  return relative.startsWith('..') ? absolute : relative
}

/** Emits the first failed tests as error annotations; returns how many were emitted. */
export function annotateFailures(rt: Runtime, report: RunReport): number {
  const all = failedTestAnnotations(report)
  const shown = all.slice(0, MAX_ERROR_ANNOTATIONS)
  for (const a of shown) {
    rt.log.error(a.message, {
      title: a.title,
      ...(a.file ? { file: a.file } : {}),
      ...(a.line ? { startLine: a.line } : {})
    })
  }
  const overflow = annotationOverflowNote(all.length, shown.length)
  if (overflow) rt.log.info(overflow)
  return shown.length
}

export async function writeSummaryAndOutputs(
  rt: Runtime,
  report: RunReport,
  opts: { reportPath: string; annotationsEmitted: number; extraSections: Section[]; commentUrl?: string }
): Promise<string> {
  const markdown = renderSummary(report, {
    extraSections: opts.extraSections,
    annotationsEmitted: opts.annotationsEmitted
  })
  await rt.summary.append(markdown)
  for (const [name, value] of Object.entries(
    runOutputs(report, runTotals(report), opts.reportPath, opts.commentUrl)
  )) {
    rt.outputs.set(name, value)
  }
  return markdown
}
