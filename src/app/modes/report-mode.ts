/**
 * mode: report — merge the CTRF reports of earlier jobs (the `reports` glob) into one report, then
 * publish it like a run: one summary, one PR comment section, one history record.
 */
import path from 'node:path'
import { fromCtrf } from '../../core/report/ctrf-read.js'
import { jobKey } from '../../core/instance.js'
import { codeSpan, escapeInline } from '../../core/report/escape.js'
import { mergeReports, reportsOfThisAttempt } from '../../core/results/merge-reports.js'
import type { RunReport } from '../../core/results/report.js'
import { finishRun } from '../emit/finish-run.js'
import type { Workspace } from '../ports.js'
import type { ReportInputs } from '../../inputs/types.js'
import type { Runtime } from '../runtime.js'
import { errorMessage } from '../../core/error-message.js'

const MAX_CTRF_BYTES = 256 * 1024 * 1024

export async function reportMode(rt: Runtime, inputs: ReportInputs): Promise<string | undefined> {
  const pattern = inputs.reports
  const files = await rt.workspace.findFiles(pattern, rt.repoRoot)
  const found: { file: string; report: RunReport }[] = []
  for (const file of files) {
    const r = await readOne(rt.workspace, file)
    if (typeof r === 'string') rt.log.warning(`skipping ${file}: ${r}`)
    else found.push({ file, report: r })
  }
  const { kept, dropped } = reportsOfThisAttempt(found, rt.context)
  for (const d of dropped) rt.log.warning(`left out ${d.file}: ${d.reason}`)
  if (dropped.length > 0) await rt.summary.append(droppedMarkdown(dropped))
  const reports = kept.map((k) => k.report)
  if (reports.length === 0) {
    return (
      `mode report found no usable CTRF report for reports: "${pattern}" (matched ${files.length} file(s) under ` +
      `${rt.repoRoot}). Download the jobs' report artifacts first (actions/download-artifact) and point reports at them.`
    )
  }
  rt.log.info(`merging ${reports.length} report(s): ${kept.map((k) => k.file).join(', ')}`)
  const origin = { instance: rt.inputs.instance, job: jobKey(rt.context.job, rt.inputs.matrix) }
  return finishRun(rt, { ...mergeReports(reports), origin })
}

function droppedMarkdown(dropped: readonly { file: string; reason: string }[]): string {
  const shown = (file: string) => path.join(path.basename(path.dirname(file)), path.basename(file))
  const lines = dropped.map((d) => `- ${codeSpan(shown(d.file))}: ${escapeInline(d.reason)}`)
  return ['### Reports left out of this attempt', '', ...lines, ''].join('\n')
}

async function readOne(workspace: Workspace, file: string): Promise<RunReport | string> {
  const size = await workspace.fileSize(file)
  if (size > MAX_CTRF_BYTES)
    return `it is ${size} bytes, over the ${MAX_CTRF_BYTES}-byte limit for a CTRF report`
  let doc: unknown
  try {
    doc = JSON.parse((await workspace.readText(file)) ?? '')
  } catch (err) {
    return `it is not JSON (${errorMessage(err)})`
  }
  const read = fromCtrf(doc)
  if (!read.ok) return read.error
  if (!read.meta) return 'it was not written by serverless-test-pyramid (no run metadata in extra.pyramid)'
  const m = read.meta
  return {
    context: m.context,
    plan: m.plan,
    tiers: read.tiers,
    failOnFlaky: m.failOnFlaky,
    runnerPricePerMinute: m.runnerPricePerMinute,
    startedAt: m.startedAt,
    finishedAt: m.finishedAt,
    ...(m.stacks ? { stacks: m.stacks } : {}),
    costLines: m.costLines,
    ...(m.origin ? { origin: m.origin } : {})
  }
}
