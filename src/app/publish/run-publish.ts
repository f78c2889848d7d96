/**
 * mode: publish — runs in a trusted `workflow_run` workflow and posts the comment a fork run prepared.
 * The file is untrusted: it is validated strictly, it must name this repository, its PR must belong to
 * this repository, and the PR's head must still be the commit the fork run tested. Its body only ever
 * becomes one section of our own sticky comment (markers neutralised, @-mentions defused).
 */
import { readCommentFile } from '../../adapters/github/comment-file.js'
import { httpStatus } from '../../adapters/github/octokit.js'
import {
  upsertStickyComment,
  type StickyDeps,
  type UpsertResult
} from '../../adapters/github/sticky-comment.js'

export interface PublishOptions {
  workingDirectory: string
  /** owner/name of the repository this workflow runs in (GITHUB_REPOSITORY: trusted). */
  repository: string
  detailsUrl?: string
  /**
   * The commit the triggering run tested, from the trusted workflow_run event (not from the file): the
   * file's own headSha must match it, so a fork cannot aim its comment at another PR's head.
   */
  trustedHeadSha?: string
}

export interface PublishResult extends UpsertResult {
  prNumber: number
}

export async function runPublish(deps: StickyDeps, opts: PublishOptions): Promise<PublishResult> {
  const request = await readCommentFile(opts.workingDirectory)
  if (request.repository.toLowerCase() !== opts.repository.toLowerCase()) {
    throw new Error(
      `pyramid-comment.json names repository ${request.repository}, but this workflow runs in ${opts.repository}: refused. Only comments prepared for this repository's pull requests are posted.`
    )
  }
  const [owner, repo] = opts.repository.split('/') as [string, string]
  let pr
  try {
    pr = (await deps.octokit.rest.pulls.get({ owner, repo, pull_number: request.prNumber })).data
  } catch (e) {
    if (httpStatus(e) === 404) {
      throw new Error(
        `pyramid-comment.json names PR #${request.prNumber}, which does not exist in ${opts.repository}: refused.`
      )
    }
    throw e
  }
  if (pr.base.repo.full_name.toLowerCase() !== opts.repository.toLowerCase()) {
    throw new Error(`PR #${request.prNumber} does not belong to ${opts.repository}: refused.`)
  }
  if (opts.trustedHeadSha !== undefined && opts.trustedHeadSha !== request.headSha) {
    throw new Error(
      `pyramid-comment.json says it tested ${request.headSha.slice(0, 7)}, but the triggering run tested ${opts.trustedHeadSha.slice(0, 7)}: refused.`
    )
  }
  if (pr.head.sha !== request.headSha) {
    throw new Error(
      `PR #${request.prNumber} is now at ${pr.head.sha.slice(0, 7)}, not at ${request.headSha.slice(0, 7)} which the fork run tested: not posted (the run for the newer commit publishes its own comment).`
    )
  }
  const result = await upsertStickyComment(deps, {
    owner,
    repo,
    issueNumber: request.prNumber,
    key: request.key,
    section: defuseMentions(request.body),
    ...(opts.detailsUrl ? { detailsUrl: opts.detailsUrl } : {})
  })
  deps.log.info(
    `Published the fork run's comment on PR #${request.prNumber}: ${result.url} (${result.action}).`
  )
  return { ...result, prNumber: request.prNumber }
}

/** "@user" / "@org/team" from an untrusted body must not notify anyone. */
function defuseMentions(body: string): string {
  return body.replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, '$1@\u2060')
}
