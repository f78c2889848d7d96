/** Pull requests through the REST API: thin calls, no decisions (app/publish decides what to trust). */
import type { PullFacts, RepoRef } from '../../app/ports.js'
import { httpStatus, type Octokit } from './octokit.js'

type RestPull = {
  number: number
  state: string
  head: { sha: string; repo: { full_name: string } | null }
  base: { repo: { full_name: string } }
}

function toFacts(p: RestPull): PullFacts {
  return {
    number: p.number,
    state: p.state,
    headSha: p.head.sha,
    headRepository: p.head.repo?.full_name ?? '',
    baseRepository: p.base.repo.full_name
  }
}

/** The pull request, or undefined when this repository has no such number. */
export async function getPull(
  octokit: Octokit,
  ref: RepoRef,
  number: number
): Promise<PullFacts | undefined> {
  try {
    const { data } = await octokit.rest.pulls.get({ ...ref, pull_number: number })
    return toFacts(data as RestPull)
  } catch (e) {
    if (httpStatus(e) === 404) return undefined
    throw e
  }
}

/** Open pull requests whose head is `owner:branch` (how a fork's branch is named across repositories). */
export async function openPullsWithHead(
  octokit: Octokit,
  ref: RepoRef,
  head: { owner: string; branch: string }
): Promise<PullFacts[]> {
  const all = await octokit.paginate(octokit.rest.pulls.list, {
    ...ref,
    state: 'open',
    head: `${head.owner}:${head.branch}`,
    per_page: 100
  })
  return all.map((p) => toFacts(p as RestPull))
}
