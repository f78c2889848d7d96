/**
 * The PR comment for this run: posted as this job's section of the sticky comment, or — for a fork's
 * read-only token — the run's data left in pyramid-comment.json for the publish workflow. A failure to comment never
 * fails the run: it becomes a note in the summary, which holds everything anyway.
 */
import path from 'node:path'
import { errorMessage } from '../../core/error-message.js'
import { jobKey, sectionKey } from '../../core/instance.js'
import { runUrl } from '../../core/context.js'
import { commentSection } from '../../core/report/comment-section.js'
import { plannedTiers } from '../../core/tiers/plan.js'
import type { RunReport } from '../../core/results/report.js'
import type { ReportView } from '../../core/report/view.js'
import { publishComment } from '../publish/publish-comment.js'
import type { Runtime } from '../runtime.js'

const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

function pullRequestNumber(payload: Record<string, unknown>): number | undefined {
  const pr = payload.pull_request as { number?: unknown } | undefined
  return typeof pr?.number === 'number' && Number.isInteger(pr.number) ? pr.number : undefined
}

function headSha(payload: Record<string, unknown>): string {
  const pr = payload.pull_request as { head?: { sha?: unknown } } | undefined
  return typeof pr?.head?.sha === 'string' ? pr.head.sha : ''
}

/**
 * A section key unique per job, matrix values, instance and tier set, e.g. "test-unit-integration",
 * "test-20-unit" for a matrix job with node 20, "report-orders-unit-integration" for instance orders.
 */
function commentKey(rt: Runtime, report: RunReport): string {
  return sectionKey(jobKey(rt.context.job, rt.inputs.matrix), rt.inputs.instance, plannedTiers(report.plan))
}

export async function postComment(
  rt: Runtime,
  report: RunReport,
  view: ReportView,
  historyBlock: string | undefined
): Promise<{ url?: string; note: string } | undefined> {
  const mode = rt.inputs.comment
  if (mode === 'never') return undefined
  const number = pullRequestNumber(rt.context.payload)
  if (mode === 'auto' && !PR_EVENTS.has(rt.context.eventName)) return undefined
  if (number === undefined) return { note: `not posted: a ${rt.context.eventName} event has no pull request` }
  if (!rt.inputs.githubToken) return { note: 'not posted: no github-token' }
  const [owner = '', repo = ''] = rt.context.repository.split('/')
  const key = commentKey(rt, report)
  try {
    const outcome = await publishComment(
      { github: await rt.github(), commentFiles: rt.commentFiles, log: rt.log },
      {
        owner,
        repo,
        issueNumber: number,
        key,
        section: commentSection(view, { label: key, ...(historyBlock ? { historyBlock } : {}) }),
        // In mode report the merged report is the comment's only writer: it writes once, no settle rounds.
        writers: rt.inputs.mode === 'report' ? 'single' : 'auto',
        detailsUrl: runUrl(rt.context),
        headSha: headSha(rt.context.payload),
        isFork: report.plan.isFork,
        reportPath: path.resolve(rt.repoRoot, rt.inputs.reportPath),
        report
      }
    )
    if (outcome.kind === 'posted') return { url: outcome.url, note: `${outcome.action}: ${outcome.url}` }
    return { note: `written to ${outcome.path} for the publish workflow (${outcome.reason})` }
  } catch (err) {
    rt.log.warning(
      `The PR comment could not be written (${errorMessage(err)}); the job summary and the report file have everything.`
    )
    return { note: `not posted: ${errorMessage(err)}` }
  }
}
