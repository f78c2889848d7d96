import { describe, expect, it } from '@jest/globals'
import { mergeReports } from '../../src/core/results/merge-reports.js'
import type { RunReport } from '../../src/core/results/report.js'
import { emptyTierRun, tierResult, type TierRun } from '../../src/core/results/run.js'

function shard(tests: string[], exits: number[], failing: string[] = []): TierRun {
  return {
    ...emptyTierRun('unit'),
    attempts: exits.map((exitCode, i) => ({
      attempt: i + 1,
      command: 'jest',
      scope: 'all',
      exitCode,
      durationMs: 1000 * (i + 1),
      reportFiles: [`r${i}`]
    })),
    tests: tests.map((name) => ({
      id: name,
      tier: 'unit',
      suite: [],
      name,
      attempts: [{ outcome: failing.includes(name) ? 'failed' : 'passed', durationMs: 5, runAttempt: 1 }]
    })),
    costUsd: 0.01
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
      [shard(['a1', 'a2'], [0]), { ...emptyTierRun('e2e'), skippedReason: 'not asked' }],
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:01:00Z'
    )
    const b = report([shard(['b1'], [1, 0], ['b1'])], '2026-01-01T00:00:10Z', '2026-01-01T00:02:00Z')
    const merged = mergeReports([a, b])
    const unit = merged.tiers.find((t) => t.tier === 'unit')!
    expect(unit.tests.map((t) => t.id).sort()).toEqual(['a1', 'a2', 'b1'])
    expect(unit.attempts.map((x) => [x.attempt, x.exitCode, x.durationMs])).toEqual([
      [1, 1, 1000],
      [2, 0, 2000]
    ])
    expect(unit.costUsd).toBeCloseTo(0.02)
    expect(merged.startedAt).toBe('2026-01-01T00:00:00Z')
    expect(merged.finishedAt).toBe('2026-01-01T00:02:00Z')
    expect(merged.tiers.find((t) => t.tier === 'e2e')?.skippedReason).toBe('not asked')
    expect(a.tiers[0]!.attempts).toHaveLength(1)
  })

  it('fails the merged tier when any shard finally failed', () => {
    const ok = report([shard(['a'], [0])], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const bad = report([shard(['b'], [1, 1], ['b'])], '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')
    const unit = mergeReports([ok, bad]).tiers[0]!
    expect(tierResult(unit, { failOnFlaky: false })).toBe('failed')
  })
})
