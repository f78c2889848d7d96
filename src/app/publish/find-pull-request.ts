/**
 * Which pull request a completed run belongs to, from what GitHub says, never from the run's own data:
 * the event's `pull_requests` where GitHub fills it (same-repository branches), else — GitHub leaves it
 * empty for a fork's run — the open pull requests whose head is the run's repository and branch. Either
 * way the pull request must be this repository's, its head the run's repository, and its head commit the
 * one the run tested; the data's own PR number must be that pull request.
 */
import { sameRepository as same, type TrustedRun } from '../../core/comment/trusted-run.js'
import type { GitHub, PullFacts, RepoRef } from '../ports.js'

export async function findPullRequest(
  github: GitHub,
  ref: RepoRef,
  run: TrustedRun,
  claimed: number
): Promise<number> {
  const repository = `${ref.owner}/${ref.repo}`
  const short = run.headSha.slice(0, 7)
  const candidates =
    run.pullRequests.length > 0
      ? run.pullRequests
      : (await github.openPullRequestsWithHead(ref, { owner: run.headOwner, branch: run.headBranch })).map(
          (p) => p.number
        )
  if (!candidates.includes(claimed)) {
    const known =
      candidates.length > 0
        ? `GitHub says the run belongs to ${candidates.map((n) => `#${n}`).join(', ')}`
        : `${repository} has no open pull request from ${run.headOwner}:${run.headBranch}`
    throw new Error(`pyramid-comment.json names PR #${claimed}, but ${known}: refused, nothing was posted.`)
  }
  const pr = await github.pullRequest(ref, claimed)
  if (pr === undefined) throw new Error(`PR #${claimed} does not exist in ${repository}: refused.`)
  checkPull(pr, repository, run, short)
  return pr.number
}

function checkPull(pr: PullFacts, repository: string, run: TrustedRun, short: string): void {
  if (!same(pr.baseRepository, repository))
    throw new Error(`PR #${pr.number} does not belong to ${repository}: refused.`)
  if (!same(pr.headRepository, run.headRepository))
    throw new Error(
      `PR #${pr.number} comes from ${pr.headRepository || 'a deleted repository'}, but the triggering run tested ${run.headRepository}: refused.`
    )
  if (pr.headSha !== run.headSha)
    throw new Error(
      `PR #${pr.number} is now at ${pr.headSha.slice(0, 7)}, not at ${short} which the triggering run tested: not posted (the run for the newer commit publishes its own comment).`
    )
}
