/**
 * mode: publish — runs in the base repository's `workflow_run` workflow after a pull request's run whose
 * token could not comment (a fork's), and renders that run's comment section itself from the data it
 * left. The data is untrusted and checked strictly; the run's identity, its pull request and its verdict
 * come from GitHub (the event and the API), never from the data.
 */
import { parseForkRunData } from '../../core/comment/fork-run-check.js'
import { forkRunReport, forkSection } from '../../core/comment/fork-section.js'
import { sameRepository, type TrustedRun } from '../../core/comment/trusted-run.js'
import type { RunReport } from '../../core/results/report.js'
import type { StickyCommentResult } from '../ports.js'
import { findPullRequest } from './find-pull-request.js'
import type { PublishDeps } from './publish-comment.js'

export interface PublishOptions {
  workingDirectory: string
  /** owner/name of the repository this workflow runs in (GITHUB_REPOSITORY: trusted). */
  repository: string
  serverUrl: string
  /** The triggering run, from the workflow_run event (trusted). */
  run: TrustedRun
  /** The across-run block for the comment (history of this repository), if there is one. */
  historyBlock?: (report: RunReport) => Promise<string | undefined>
}

export interface PublishResult extends StickyCommentResult {
  prNumber: number
}

export async function runPublish(deps: PublishDeps, opts: PublishOptions): Promise<PublishResult> {
  const data = parseForkRunData(await deps.commentFiles.read(opts.workingDirectory))
  const { run } = opts
  if (!sameRepository(data.repository, opts.repository)) {
    throw new Error(
      `pyramid-comment.json names repository ${data.repository}, but this workflow runs in ${opts.repository}: refused. Only data prepared for this repository's pull requests is published.`
    )
  }
  if (data.headSha !== run.headSha) {
    throw new Error(
      `pyramid-comment.json says it tested ${data.headSha.slice(0, 7)}, but the triggering run tested ${run.headSha.slice(0, 7)}: refused.`
    )
  }
  const [owner, repo] = opts.repository.split('/') as [string, string]
  const prNumber = await findPullRequest(deps.github, { owner, repo }, run, data.prNumber)
  const input = { data, run, repository: opts.repository, serverUrl: opts.serverUrl, prNumber }
  const historyBlock = await opts.historyBlock?.(forkRunReport(input))
  const result = await deps.github.upsertComment({
    owner,
    repo,
    issueNumber: prNumber,
    key: data.key,
    section: forkSection({ ...input, ...(historyBlock !== undefined ? { historyBlock } : {}) }),
    detailsUrl: `${opts.serverUrl}/${opts.repository}/actions/runs/${run.id}`
  })
  deps.log.info(
    `Published the comment of run ${run.id} on PR #${prNumber}: ${result.url} (${result.action}).`
  )
  return { ...result, prNumber }
}
