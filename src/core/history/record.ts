/**
 * One run as history sees it: what across-run analysis needs (outcome, attempts and duration per test;
 * timing and cost per tier; infrastructure failure flags), nothing more: messages and traces stay in the
 * run's own report. The ledger folds records into per-test windows (ledger.ts). Pure.
 */
import { testDurationMs, testStatus, type TestStatus, type Tier } from '../results/model.js'
import { costBreakdown } from '../cost/run-cost.js'
import {
  INFRA_FAILED_SHARE,
  INFRA_MIN_EXECUTED,
  isInfrastructureFailure,
  tierRan,
  tierTiming
} from '../results/run.js'
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

/** The identity of a record in the ledger: a re-run attempt is a record of its own. */
export function runKey(r: Pick<RunRecord, 'runId' | 'runAttempt'>): string {
  return `${r.runId}#${r.runAttempt}`
}

export function toRunRecord(report: RunReport): RunRecord {
  const ran = report.tiers.filter(tierRan)
  const cost = costBreakdown(report)
  return {
    sha: report.context.sha,
    runId: report.context.runId,
    runAttempt: report.context.runAttempt,
    at: report.finishedAt,
    tiers: ran.map((t) => ({
      tier: t.tier,
      ...tierTiming(t),
      costUsd: cost.tierUsd[t.tier] ?? 0,
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
 * Tiers of a run left out of flakiness: flagged by the tier (setup failed, or more than 80% of its
 * executed tests failed), or more than 80% of the run's executed tests failed. The share only counts
 * from 5 executed tests: with fewer, one failure of two tests is a failure, not an outage.
 */
export function infraTiers(run: Pick<RunRecord, 'tiers' | 'tests'>): Set<Tier> {
  const out = new Set(run.tiers.filter((t) => t.infraFailure).map((t) => t.tier))
  const executed = run.tests.filter((t) => t.outcome !== 'skipped')
  const failed = executed.filter((t) => t.outcome === 'failed')
  if (executed.length >= INFRA_MIN_EXECUTED && failed.length / executed.length > INFRA_FAILED_SHARE)
    for (const t of run.tiers) out.add(t.tier)
  return out
}
