import { describe, expect, it } from '@jest/globals'
import { mergeReports } from '../../src/core/results/merge-reports.js'
import type { RunReport } from '../../src/core/results/report.js'
import { costBreakdown } from '../../src/core/cost/run-cost.js'
import { commandAttempts, skippedTier, tierResult, type TierRun } from '../../src/core/results/run.js'

/** A unit shard that ran for 100 s of runner time at `usdPerMinute` (0.006: $0.01). */
function shard(tests: string[], exits: number[], failing: string[] = [], usdPerMinute = 0.006): TierRun {
  const [first, ...rest] = exits.map((exitCode, i) => ({
    attempt: i + 1,
    command: 'jest',
    scope: 'all' as const,
    exitCode,
    durationMs: 1000 * (i + 1),
    reportFiles: [`r${i}`]
  }))
  return {
    tier: 'unit',
    outcome: { kind: 'ran', attempts: [first!, ...rest] },
    phases: [],
    notes: [],
    facts: {},
    runnerTime: [{ wallMs: 100_000, usdPerMinute }],
    tests: tests.map((name) => ({
      id: name,
      tier: 'unit',
      suite: [],
      name,
      attempts: [{ outcome: failing.includes(name) ? 'failed' : 'passed', durationMs: 5, runAttempt: 1 }]
    }))
  }
}

function report(tiers: TierRun[], startedAt: string, finishedAt: string): RunReport {
  return {
    context: {
      repository: 'o/r',
      sha: 's',
      ref: 'refs/heads/main',
      eventName: 'push',
      runId: '1',
      runAttempt: 1,
      serverUrl: 'https://github.com',
      job: 'unit'
    },
    plan: {
      event: 'push',
      isDefaultBranch: true,
      isFork: false,
      selection: 'explicit',
      tiers: [
        { tier: 'unit', run: true, reason: 'asked', command: 'jest' },
        { tier: 'e2e', run: false, reason: 'not asked', command: 'x' }
      ]
    },
    tiers,
    failOnFlaky: false,
    runnerPricePerMinute: 0.006,
    startedAt,
    finishedAt,
    costLines: []
  }
}

describe('mergeReports', () => {
  it('joins unit shards into one tier: all tests, attempts by number, summed cost, the whole time span', () => {
    const a = report(
      [shard(['a1', 'a2'], [0]), skippedTier('e2e', 'not asked')],
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:01:00Z'
    )
    const b = report([shard(['b1'], [1, 0], ['b1'])], '2026-01-01T00:00:10Z', '2026-01-01T00:02:00Z')
    const merged = mergeReports([a, b])
    const unit = merged.tiers.find((t) => t.tier === 'unit')!
    expect(unit.tests.map((t) => t.id).sort()).toEqual(['a1', 'a2', 'b1'])
    expect(commandAttempts(unit).map((x) => [x.attempt, x.exitCode, x.durationMs])).toEqual([
      [1, 1, 1000],
      [2, 0, 2000]
    ])
    // Two shard jobs of 100 s each: each billed 2 whole minutes at $0.006 = $0.012, so $0.024.
    expect(unit.tier).toBe('unit')
    expect(costBreakdown(merged).tierUsd.unit).toBe(0.024)
    expect(merged.startedAt).toBe('2026-01-01T00:00:00Z')
    expect(merged.finishedAt).toBe('2026-01-01T00:02:00Z')
    expect(merged.tiers.find((t) => t.tier === 'e2e')?.outcome).toEqual({
      kind: 'skipped',
      reason: 'not asked'
    })
    expect(commandAttempts(a.tiers[0]!)).toHaveLength(1)
  })

  it("prices each shard's runner time at its own job's price", () => {
    const linux = report([shard(['a'], [0])], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const bigger = report([shard(['b'], [0], [], 0.024)], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const merged = mergeReports([linux, bigger])
    // 100 s each, billed 2 whole minutes per job: 2 × $0.006 + 2 × $0.024 = $0.06.
    expect(costBreakdown(merged).tierUsd.unit).toBe(0.06)
  })

  it('keeps the outcome that decides: a cancelled shard cancels the tier, a failed setup fails it', () => {
    const ok = report([shard(['a'], [0])], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const setupFailed: TierRun = {
      ...shard([], [0]),
      outcome: { kind: 'setup-failed', reason: 'no LocalStack' }
    }
    const cancelled: TierRun = { ...shard(['c'], [1]), outcome: { kind: 'cancelled', attempts: [] } }
    const broken = report([setupFailed], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const stopped = report([cancelled], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    expect(mergeReports([ok, broken]).tiers[0]!.outcome).toEqual({
      kind: 'setup-failed',
      reason: 'no LocalStack'
    })
    expect(mergeReports([ok, stopped, broken]).tiers[0]!.outcome.kind).toBe('cancelled')
    expect(commandAttempts(mergeReports([ok, stopped]).tiers[0]!)).toHaveLength(1)
  })

  it('fails the merged tier when any shard finally failed', () => {
    const ok = report([shard(['a'], [0])], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const bad = report([shard(['b'], [1, 1], ['b'])], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const unit = mergeReports([ok, bad]).tiers[0]!
    expect(tierResult(unit, { failOnFlaky: false })).toBe('failed')
  })
})
