/**
 * The history ledger's data: one compact record per run. Pure. What a record holds is what across-run
 * analysis needs (outcome, attempts and duration per test; timing and cost per tier; infrastructure
 * failure flags), nothing more: messages and traces stay in the run's own report.
 */
import { testDurationMs, testStatus, type TestStatus, type Tier } from '../results/model.js'
import { tierCostUsd } from '../cost/run-cost.js'
import { isInfrastructureFailure, tierRan, tierTiming } from '../results/run.js'
import type { RunReport } from '../results/report.js'

export interface TestRecord {
  id: string
  tier: Tier
  outcome: TestStatus
  /** Executions of the test in this run (report retries + action retries). */
  attempts: number
  durationMs: number
}

export interface TierRecord {
  tier: Tier
  setupMs: number
  testMs: number
  teardownMs: number
  costUsd: number
  /** Setup failed or more than 80% of the executed tests failed: excluded from flakiness. */
  infraFailure: boolean
}

export interface RunRecord {
  sha: string
  runId: string
  runAttempt: number
  /** ISO time the run finished. */
  at: string
  tiers: TierRecord[]
  tests: TestRecord[]
}

/** Records oldest first. */
export interface History {
  runs: RunRecord[]
}

/** The identity of a record in the ledger: a re-run attempt is a record of its own. */
export function runKey(r: Pick<RunRecord, 'runId' | 'runAttempt'>): string {
  return `${r.runId}#${r.runAttempt}`
}

export function toRunRecord(report: RunReport): RunRecord {
  const ran = report.tiers.filter(tierRan)
  return {
    sha: report.context.sha,
    runId: report.context.runId,
    runAttempt: report.context.runAttempt,
    at: report.finishedAt,
    tiers: ran.map((t) => ({
      tier: t.tier,
      ...tierTiming(t),
      costUsd: tierCostUsd(t, report.costLines),
      infraFailure: isInfrastructureFailure(t)
    })),
    tests: ran.flatMap((t) =>
      t.tests.map((c) => ({
        id: c.id,
        tier: t.tier,
        outcome: testStatus(c),
        attempts: c.attempts.length,
        durationMs: Math.round(testDurationMs(c))
      }))
    )
  }
}

/**
 * Merge two views of the ledger (ours and the one that won a write race): union by run key, oldest
 * first, newest kept when over the cap. Inputs are not modified.
 */
export function mergeHistories(a: History, b: History, maxRuns: number): History {
  const byKey = new Map<string, RunRecord>()
  for (const r of [...a.runs, ...b.runs]) byKey.set(runKey(r), r)
  const runs = [...byKey.values()].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
  return { runs: runs.slice(Math.max(0, runs.length - maxRuns)) }
}
