/**
 * Posts this run's section of the sticky comment, or, when the token cannot write (a fork PR, or a 403
 * on the write), leaves it in pyramid-comment.json next to the report for the `publish` mode.
 */
import { writeCommentFile } from '../../adapters/github/comment-file.js'
import { sectionMarkdown } from '../../core/comment/section-blocks.js'
import { httpStatus } from '../../adapters/github/octokit.js'
import {
  upsertStickyComment,
  type StickyDeps,
  type UpsertRequest
} from '../../adapters/github/sticky-comment.js'

export interface PublishCommentRequest extends UpsertRequest {
  headSha: string
  /** The event says the PR's head repository is not the base repository. */
  isFork: boolean
  /** report-path input: the comment file goes into the same folder. */
  reportPath: string
}

export type CommentOutcome =
  | { kind: 'posted'; url: string; action: 'created' | 'updated' | 'unchanged' }
  | { kind: 'file'; path: string; reason: string }

export async function publishComment(deps: StickyDeps, req: PublishCommentRequest): Promise<CommentOutcome> {
  if (req.isFork) return toFile(deps, req, 'this pull request comes from a fork, whose token is read-only')
  try {
    return { kind: 'posted', ...(await upsertStickyComment(deps, req)) }
  } catch (e) {
    if (httpStatus(e) !== 403) throw e
    return toFile(
      deps,
      req,
      `GitHub refused the write (HTTP 403: the token is read-only or lacks "pull-requests: write")`
    )
  }
}

async function toFile(deps: StickyDeps, req: PublishCommentRequest, reason: string): Promise<CommentOutcome> {
  const path = await writeCommentFile(req.reportPath, {
    version: 1,
    repository: `${req.owner}/${req.repo}`,
    prNumber: req.issueNumber,
    headSha: req.headSha,
    key: req.key,
    body: typeof req.section === 'string' ? req.section : sectionMarkdown(req.section)
  })
  deps.log.info(
    `The PR comment was not posted because ${reason}. It was written to ${path}; the "pyramid-comment" artifact and a workflow_run workflow with mode: publish post it (see workflows/publish-comment.yml).`
  )
  return { kind: 'file', path, reason }
}
