/** Shared pieces of the fork tests: a pull request run's report (no e2e: forks never run it) and its trusted run. */
import type { TrustedRun } from '../../src/core/comment/trusted-run.js'
import type { RunReport } from '../../src/core/results/report.js'
import { failuresAndFlaky } from '../report/reports.js'

export const FORK_HEAD = 'c'.repeat(40)

/** A failing run with flaky tests, as a fork's run has it: unit and integration only. */
export function forkReport(): RunReport {
  const r = failuresAndFlaky()
  return { ...r, tiers: r.tiers.filter((t) => t.tier !== 'e2e') }
}

/** The triggering run as the workflow_run event of a fork's run says it (no pull_requests). */
export function trustedForkRun(over: Partial<TrustedRun> = {}): TrustedRun {
  return {
    id: '555',
    runAttempt: 1,
    event: 'pull_request',
    conclusion: 'failure',
    headSha: FORK_HEAD,
    headBranch: 'fix-vat',
    headRepository: 'forker/orders',
    headOwner: 'forker',
    isFork: true,
    pullRequests: [],
    ...over
  }
}

/** pyramid-comment.json as the previous version wrote it: a comment prepared as markdown. */
export function oldFormatFile(body: string, over: Record<string, unknown> = {}) {
  return {
    version: 1,
    repository: 'acme/orders',
    prNumber: 12,
    headSha: FORK_HEAD,
    key: 'unit',
    body,
    ...over
  }
}
