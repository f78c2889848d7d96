/** The GitHub port over one Octokit: the sticky comment, pull requests and the history ledger. */
import type { Clock, GitHub, Log } from '../../app/ports.js'
import { appendHistory, readHistory, type HistoryDeps, type StoredLedger } from './history-store.js'
import { runnerJobLabels } from './jobs-api.js'
import { getPull, openPullsWithHead } from './pulls-api.js'
import { upsertStickyComment, type StickyDeps } from './sticky-comment.js'

/**
 * The port for the run's token, created on first use (the GitHub client is not even loaded when no
 * comment or history is written) and then shared by the history read, the comment and the history write.
 */
export function lazyGitHub(opts: {
  token: string
  baseUrl?: string
  log: Log
  clock: Clock
}): () => Promise<GitHub> {
  let client: Promise<GitHub> | undefined
  return () =>
    (client ??= import('@actions/github').then(({ getOctokit }) =>
      gitHubApi({
        octokit: getOctokit(opts.token, opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        log: opts.log,
        clock: opts.clock
      })
    ))
}

export function gitHubApi(deps: StickyDeps & HistoryDeps): GitHub {
  return {
    upsertComment: (req) => upsertStickyComment(deps, req),
    pullRequest: (ref, number) => getPull(deps.octokit, ref, number),
    runnerJobLabels: (ref, q) => runnerJobLabels(deps.octokit, ref, q),
    openPullRequestsWithHead: (ref, head) => openPullsWithHead(deps.octokit, ref, head),
    readHistory: (ref) => readHistory(deps, ref),
    // What readHistory returned, handed back: the store's own record of the branch it read.
    appendHistory: (ref, record, seen) => appendHistory(deps, ref, record, seen as StoredLedger | undefined)
  }
}
