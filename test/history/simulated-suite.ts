/**
 * A simulated monorepo suite run after run, for the history benches and the ranking test: mostly
 * stable tests, a few flaky ones (each with its own chance of failing, half of the failures passing on
 * a retry), a few regressions (broken for a stretch of runs, then fixed), re-run attempts on the same
 * commit, and one run whose integration setup failed. Deterministic for a seed. Records are made one
 * run at a time, so a 20,000-test × 200-run history never sits in memory as records.
 */
import type { RunRecord, TestRecord } from '../../src/core/history/record.js'
import type { TestStatus, Tier } from '../../src/core/results/model.js'
import { seededRandom } from '../fakes/random.js'

export interface SimulatedTest {
  id: string
  tier: Tier
  kind: 'stable' | 'flaky' | 'regression'
  /** flaky: chance of failing in a run. */
  failChance: number
  /** regression: broken from this run (inclusive) to `fixedAt` (exclusive). */
  brokenAt: number
  fixedAt: number
  baseMs: number
}

export const INFRA_RUN = 120

export function simulatedSuite(size: number, seed = 7): SimulatedTest[] {
  const rnd = seededRandom(seed)
  return Array.from({ length: size }, (_, i) => {
    const tier: Tier = i % 20 === 0 ? 'e2e' : i % 4 === 0 ? 'integration' : 'unit'
    const pkg = `packages/service-${i % 60}`
    const r = rnd()
    const kind = r < 0.01 ? 'flaky' : r < 0.013 ? 'regression' : 'stable'
    const brokenAt = 20 + Math.floor(rnd() * 150)
    return {
      id: `${pkg}/test/${tier}/feature-${i}.test.ts › Feature ${i % 997} › handles case ${i}`,
      tier,
      kind,
      failChance: kind === 'flaky' ? 0.03 + 0.45 * rnd() : 0,
      brokenAt,
      fixedAt: brokenAt + 3 + Math.floor(rnd() * 20),
      baseMs: Math.round(2 + Math.exp(rnd() * 8))
    }
  })
}

/** Run `n` (1-based) of the suite: every 10th run is a re-run attempt of the commit before it. */
export function simulatedRun(suite: readonly SimulatedTest[], n: number, seed = 7): RunRecord {
  const rnd = seededRandom(seed * 1_000_003 + n)
  const rerun = n % 10 === 0
  const commit = rerun ? n - 1 : n
  const infra = n === INFRA_RUN
  const tests: TestRecord[] = suite.map((t) => {
    let outcome: TestStatus = 'passed'
    if (infra && t.tier === 'integration') outcome = 'failed'
    else if (t.kind === 'regression' && n >= t.brokenAt && n < t.fixedAt) outcome = 'failed'
    else if (t.kind === 'flaky' && rnd() < t.failChance) outcome = rnd() < 0.5 ? 'flaky' : 'failed'
    return {
      id: t.id,
      tier: t.tier,
      outcome,
      attempts: outcome === 'passed' ? 1 : 2,
      durationMs: Math.round(t.baseMs * (0.8 + 0.4 * rnd()))
    }
  })
  const tiers = (['unit', 'integration', 'e2e'] as Tier[]).map((tier) => ({
    tier,
    setupMs: tier === 'unit' ? 2_000 : 40_000,
    testMs: 60_000 + Math.round(rnd() * 20_000),
    teardownMs: tier === 'e2e' ? 90_000 : 500,
    costUsd: 0.006 * (tier === 'unit' ? 2 : 4),
    infraFailure: infra && tier === 'integration'
  }))
  return {
    sha: commit.toString(16).padStart(8, '0').repeat(5),
    runId: String(9_000 + commit),
    runAttempt: rerun ? 2 : 1,
    at: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
    tiers,
    tests
  }
}
