/** The pure decisions of the pipelined pyramid: which tiers prepare, what starts next, who pays runner time. */
import { describe, expect, it } from '@jest/globals'
import { preparations, type PrepareMode } from '../../src/core/pipeline/preparation.js'
import { chargeRunnerTime } from '../../src/core/pipeline/runner-time.js'
import {
  allEnded,
  cancel,
  initialState,
  nextSteps,
  settle,
  type PipelineState
} from '../../src/core/pipeline/schedule.js'
import type { Tier } from '../../src/core/results/model.js'
import type { Plan } from '../../src/core/tiers/plan.js'

function plan(tiers: Tier[], isFork = false): Plan {
  return {
    event: 'push',
    isDefaultBranch: true,
    isFork,
    selection: 'explicit',
    tiers: (['unit', 'integration', 'e2e'] as const).map((tier) => ({
      tier,
      run: tiers.includes(tier),
      reason: '',
      command: tier
    }))
  }
}

describe('preparations', () => {
  it.each<[Tier[], PrepareMode, boolean, object]>([
    [['unit', 'integration', 'e2e'], 'auto', false, { integration: 'free', e2e: 'free' }],
    [['unit', 'integration', 'e2e'], 'eager', false, { integration: 'free', e2e: 'full' }],
    [['unit', 'integration', 'e2e'], 'off', false, {}],
    [['unit', 'e2e'], 'eager', false, { e2e: 'full' }],
    // Nothing runs below it: it is its turn at once.
    [['e2e'], 'eager', false, {}],
    [['integration', 'e2e'], 'auto', false, { e2e: 'free' }],
    [['unit', 'integration'], 'eager', false, { integration: 'free' }],
    [['unit', 'integration', 'e2e'], 'eager', true, { integration: 'free' }]
  ])('%j with prepare %s (fork %s) → %j', (tiers, mode, fork, expected) => {
    expect(preparations(plan(tiers, fork), mode)).toEqual(expected)
  })
})

const steps = (s: PipelineState) => nextSteps(s).steps.map((x) => `${x.step} ${x.tier}`)

describe('nextSteps', () => {
  const tiers: Tier[] = ['unit', 'integration', 'e2e']
  const start = () =>
    initialState(tiers, { integration: 'free', e2e: 'full' }, { failFast: true, teardownBeside: true })

  it('at the start: the lowest tier runs, the others prepare', () => {
    expect(steps(start())).toEqual(['run unit', 'prepare integration', 'prepare e2e'])
  })

  it('a step is never given twice, and a prepared tier waits for the tiers below it', () => {
    let s = nextSteps(start()).state
    expect(steps(s)).toEqual([])
    s = settle(s, 'integration', { phase: 'prepare' })
    expect(steps(s)).toEqual([])
    s = nextSteps(settle(s, 'unit', { phase: 'run', result: 'passed' })).state
    expect(s.stages.integration).toEqual({ stage: 'running' })
    // e2e is still preparing when integration ends: it runs once its preparation ends.
    s = settle(s, 'integration', { phase: 'run', result: 'passed' })
    expect(steps(s)).toEqual([])
    s = settle(s, 'e2e', { phase: 'prepare' })
    expect(steps(s)).toEqual(['run e2e'])
  })

  it('fail-fast: a failed tier discards what the higher tiers prepared', () => {
    let s = nextSteps(start()).state
    s = settle(s, 'unit', { phase: 'run', result: 'failed' })
    expect(nextSteps(s).steps).toEqual([
      { step: 'discard', tier: 'integration', why: { kind: 'blocked', by: 'unit' } },
      { step: 'discard', tier: 'e2e', why: { kind: 'blocked', by: 'unit' } }
    ])
  })

  it('a tier that never started is skipped, not discarded', () => {
    let s = nextSteps(initialState(tiers, {}, { failFast: true, teardownBeside: true })).state
    s = settle(s, 'unit', { phase: 'run', result: 'failed' })
    expect(steps(s)).toEqual(['skip integration', 'skip e2e'])
  })

  it('cancelled: nothing new starts, preparations are discarded, running tiers end by themselves', () => {
    const s = cancel(nextSteps(start()).state)
    expect(nextSteps(s).steps).toEqual([
      { step: 'discard', tier: 'integration', why: { kind: 'cancelled' } },
      { step: 'discard', tier: 'e2e', why: { kind: 'cancelled' } }
    ])
    let t = nextSteps(s).state
    t = settle(t, 'integration', { phase: 'discard' })
    t = settle(t, 'e2e', { phase: 'discard' })
    expect(allEnded(t)).toBe(false)
    expect(allEnded(settle(t, 'unit', { phase: 'run', result: 'cancelled' }))).toBe(true)
  })
})

describe("nextSteps: the next tier starts beside the lower tier's teardown", () => {
  const tiers: Tier[] = ['unit', 'integration', 'e2e']
  const running = (teardownBeside: boolean) =>
    nextSteps(initialState(tiers, {}, { failFast: true, teardownBeside })).state

  it('the tests of the tier below have ended: the next tier runs while its teardown goes on', () => {
    const s = settle(running(true), 'unit', { phase: 'tests', verdict: 'passed' })
    expect(s.stages.unit).toEqual({ stage: 'tearing-down', verdict: 'passed' })
    expect(steps(s)).toEqual(['run integration'])
    // The run is not over before every teardown is.
    let t = settle(nextSteps(s).state, 'integration', { phase: 'tests', verdict: 'passed' })
    t = settle(nextSteps(t).state, 'e2e', { phase: 'run', result: 'passed' })
    expect(allEnded(t)).toBe(false)
    t = settle(t, 'integration', { phase: 'run', result: 'passed' })
    expect(allEnded(t)).toBe(false)
    expect(allEnded(settle(t, 'unit', { phase: 'run', result: 'passed' }))).toBe(true)
  })

  it('prepare off (no teardownBeside): the next tier waits for the teardown too', () => {
    const s = settle(running(false), 'unit', { phase: 'tests', verdict: 'passed' })
    expect(steps(s)).toEqual([])
    expect(steps(settle(s, 'unit', { phase: 'run', result: 'passed' }))).toEqual(['run integration'])
  })

  it("fail-fast reads the tests' verdict: failed tests skip the next tiers before their teardown ends", () => {
    const s = settle(running(true), 'unit', { phase: 'tests', verdict: 'failed' })
    expect(steps(s)).toEqual(['skip integration', 'skip e2e'])
  })

  it.each([true, false])(
    'a failed teardown fails the tier but skips nothing (teardownBeside %s)',
    (beside) => {
      let s = settle(running(beside), 'unit', { phase: 'tests', verdict: 'passed' })
      s = settle(nextSteps(s).state, 'unit', { phase: 'run', result: 'failed' })
      expect(s.stages.unit).toEqual({ stage: 'finished', result: 'failed', verdict: 'passed' })
      expect(steps(s)).toEqual(beside ? [] : ['run integration'])
      expect(nextSteps(s).state.stages.integration).toEqual({ stage: 'running' })
    }
  )
})

describe('chargeRunnerTime', () => {
  it('charges each tier only for the time it added to the job', () => {
    const charged = chargeRunnerTime([
      { tier: 'unit', startMs: 0, endMs: 40 },
      { tier: 'integration', startMs: 0, endMs: 100 },
      { tier: 'e2e', startMs: 0, endMs: 290 }
    ])
    expect(Object.fromEntries(charged)).toEqual({ unit: 40, integration: 60, e2e: 190 })
  })

  it('a gap between tiers is charged to nobody; spans that end early are charged what they add', () => {
    const charged = chargeRunnerTime([
      { tier: 'e2e', startMs: 50, endMs: 60 },
      { tier: 'unit', startMs: 0, endMs: 40 }
    ])
    expect(Object.fromEntries(charged)).toEqual({ unit: 40, e2e: 10 })
  })
})
