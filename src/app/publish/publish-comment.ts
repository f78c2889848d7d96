/**
 * Posts this run's section of the sticky comment, or, when the token cannot write (a fork PR, or a 403
 * on the write), leaves the run's DATA (never markdown) in pyramid-comment.json next to the report: the
 * `publish` mode renders the section from it in the base repository's workflow_run workflow.
 */
import { FORK_LIMITS, toForkRunData } from '../../core/comment/fork-run-data.js'
import type { RunReport } from '../../core/results/report.js'
import { TOOL } from '../emit/tool.js'
import { httpStatus, type CommentFiles, type GitHub, type Log, type StickyCommentRequest } from '../ports.js'

export interface PublishDeps {
  github: GitHub
  commentFiles: CommentFiles
  log: Log
}

export interface PublishCommentRequest extends StickyCommentRequest {
  headSha: string
  /** The event says the PR's head repository is not the base repository. */
  isFork: boolean
  /** report-path input: the data file goes into the same folder. */
  reportPath: string
  /** What the section was rendered from: the data file carries it instead of the markdown. */
  report: RunReport
}

export type CommentOutcome =
  | { kind: 'posted'; url: string; action: 'created' | 'updated' | 'unchanged' }
  | { kind: 'file'; path: string; reason: string }

export async function publishComment(deps: PublishDeps, req: PublishCommentRequest): Promise<CommentOutcome> {
  if (req.isFork) return toFile(deps, req, 'this pull request comes from a fork, whose token is read-only')
  try {
    return { kind: 'posted', ...(await deps.github.upsertComment(req)) }
  } catch (e) {
    if (httpStatus(e) !== 403) throw e
    return toFile(
      deps,
      req,
      `GitHub refused the write (HTTP 403: the token is read-only or lacks "pull-requests: write")`
    )
  }
}

async function toFile(
  deps: PublishDeps,
  req: PublishCommentRequest,
  reason: string
): Promise<CommentOutcome> {
  const data = toForkRunData(req.report, TOOL, {
    repository: `${req.owner}/${req.repo}`,
    prNumber: req.issueNumber,
    headSha: req.headSha,
    key: req.key
  })
  const json = data.ok ? JSON.stringify(data.data) : ''
  const bytes = Buffer.byteLength(json)
  const unfit = !data.ok
    ? data.reason
    : bytes > FORK_LIMITS.fileBytes
      ? `its data is ${bytes} bytes, over the ${FORK_LIMITS.fileBytes} bytes mode publish reads`
      : undefined
  if (unfit !== undefined) throw new Error(`the comment was not posted because ${reason}, and ${unfit}`)
  const path = await deps.commentFiles.write(req.reportPath, json)
  deps.log.info(
    `The PR comment was not posted because ${reason}. The run's test data was written to ${path}; the "pyramid-comment" artifact and a workflow_run workflow with mode: publish render and post it (see workflows/publish-comment.yml).`
  )
  return { kind: 'file', path, reason }
}
