/**
 * A tier's verdict, which tiers ran, the run's wall time and its cost are derived from what the run
 * measured, by one set of rules that the summary, the terminal and the action outputs share.
 */
import { describe, expect, it } from '@jest/globals'
import { runOutputs } from '../../src/app/emit/action-outputs.js'
import { costBreakdown, runCostUsd } from '../../src/core/cost/run-cost.js'
import { reportView } from '../../src/core/report/view.js'
import type { TestCase } from '../../src/core/results/model.js'
import { runTotals } from '../../src/core/results/run-totals.js'
import {
  tierResult,
  type CommandAttempt,
  type TierOutcome,
  type TierRun
} from '../../src/core/results/run.js'
import { allGreen, skippedTiers, test } from '../report/reports.js'

const attempt = (exitCode: number): CommandAttempt => ({
  attempt: 1,
  command: 'npm test',
  scope: 'all',
  exitCode,
  durationMs: 1000,
  reportFiles: []
})
const passing = test('unit', 'a.test.ts', [], 'passes', [{ outcome: 'passed' }])
const failing = test('unit', 'a.test.ts', [], 'fails', [{ outcome: 'failed' }])
const flaky = test('unit', 'a.test.ts', [], 'flaky', [{ outcome: 'failed' }, { outcome: 'passed' }])

function tier(outcome: TierOutcome, tests: TestCase[] = [], teardownFailure?: string): TierRun {
  return {
    tier: 'unit',
    outcome,
    ...(teardownFailure !== undefined ? { teardownFailure } : {}),
    tests,
    phases: [],
    notes: [],
    runnerTime: [],
    facts: {}
  }
}

describe('tierResult', () => {
  const ran = (exit: number): TierOutcome => ({ kind: 'ran', attempts: [attempt(exit)] })
  it.each([
    [
      'a skipped tier whose teardown of what it prepared ahead failed (it may still bill)',
      tier({ kind: 'skipped', reason: 'r' }, [], 'x'),
      'failed'
    ],
    ['a skipped tier', tier({ kind: 'skipped', reason: 'r' }), 'skipped'],
    [
      'a cancelled tier, even when its teardown failed',
      tier({ kind: 'cancelled', attempts: [] }, [], 'x'),
      'cancelled'
    ],
    ['a failed setup', tier({ kind: 'setup-failed', reason: 'no LocalStack' }), 'failed'],
    ['a failed teardown after green tests', tier(ran(0), [passing], 'stack not deleted'), 'failed'],
    ['a failed test', tier(ran(1), [passing, failing]), 'failed'],
    ['green tests but a non-zero exit (a crash, a threshold)', tier(ran(1), [passing]), 'failed'],
    ['no report: the exit code', tier(ran(0)), 'passed'],
    ['no report and a non-zero exit', tier(ran(2)), 'failed'],
    ['a flaky test', tier(ran(0), [flaky]), 'passed']
  ] as const)('%s → %s', (_what, run, expected) => {
    expect(tierResult(run, { failOnFlaky: false })).toBe(expected)
  })
  it('fails a flaky tier with fail-on-flaky', () => {
    expect(tierResult(tier(ran(0), [flaky]), { failOnFlaky: true })).toBe('failed')
  })
})

describe('run totals', () => {
  it('prices each tier from its runner time and the stack from its cost lines', () => {
    const report = allGreen()
    const e2e = report.tiers.find((t) => t.tier === 'e2e')!
    // One job ran the three tiers: 12 s + 36 s + 159 s = 207 s = 3.45 min, billed 4 whole minutes.
    // Fractional: unit $0.0012, integration $0.0036, e2e $0.0159; the rounding (4 - 3.45) × $0.006 =
    // $0.0033 is the e2e tier's (the job's last); plus the DynamoDB line ($0.0002); Lambda is usage-priced.
    expect(e2e.tier).toBe('e2e')
    expect(costBreakdown(report).tierUsd.e2e).toBe(0.0194) // 0.0159 + 0.0033 + 0.0002
    expect(runCostUsd(report)).toBe(0.0242) // = 4 min × $0.006 + $0.0002
    expect(runTotals(report).ran).toEqual(['unit', 'integration', 'e2e'])
  })

  it('gives the outputs the figures the summary and the terminal show, also without timestamps', () => {
    const report = { ...skippedTiers(), startedAt: '', finishedAt: '' }
    const view = reportView(report)
    const outputs = runOutputs(report, runTotals(report), 'pyramid-report.json', undefined)
    expect(view.durationMs).toBe(12_400) // the tiers' own timing
    expect(outputs['duration-seconds']).toBe('12.4')
    expect(outputs['cost-usd']).toBe(view.costUsd.toFixed(4))
    expect(outputs.tiers).toBe('unit')
    expect(outputs.result).toBe(view.result)
  })
})
