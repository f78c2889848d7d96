/** Builders of run records for the history tests: a scripted sequence reads like a table of outcomes. */
import type { TestStatus, Tier } from '../../src/core/results/model.js'
import type { RunRecord } from '../../src/core/history/record.js'

let counter = 0

export interface RunSpec {
  sha: string
  attempt?: number
  /** test id → outcome (tier from the id prefix "unit:", "integration:", "e2e:"; default unit). */
  tests: Record<string, TestStatus>
  setupFailed?: Tier[]
  durationMs?: number
  costUsd?: number
}

export function run(spec: RunSpec): RunRecord {
  counter++
  const tests = Object.entries(spec.tests).map(([key, outcome]) => {
    const [tier, id] = key.includes(':')
      ? (key.split(':', 2) as [Tier, string])
      : (['unit', key] as [Tier, string])
    return { id, tier, outcome, attempts: outcome === 'flaky' ? 2 : 1, durationMs: 12 }
  })
  const tiers = [...new Set(tests.map((t) => t.tier))].map((tier) => ({
    tier,
    setupMs: 1000,
    testMs: spec.durationMs ?? 30_000,
    teardownMs: 500,
    costUsd: spec.costUsd ?? 0.003,
    infraFailure: spec.setupFailed?.includes(tier) ?? false
  }))
  return {
    sha: spec.sha.padEnd(40, '0'),
    runId: String(1000 + counter),
    runAttempt: spec.attempt ?? 1,
    at: new Date(Date.UTC(2026, 10, 1) + counter * 60_000).toISOString(),
    tiers,
    tests
  }
}
