/**
 * The pipelined engine over the event clock (test/fakes/event-clock.ts), with the phase durations of real runs (unit 40 s,
 * LocalStack pull + start 25 s, integration 60 s, synth 20 s, deploy 150 s, e2e 60 s, destroy 60 s):
 * what starts when for each `prepare` mode, what fail-fast and a cancellation do to tiers that prepared
 * ahead, and that runner time is charged once for overlapped work.
 */
import { describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { watchCancellation } from '../../src/app/cancellation.js'
import { runPyramid } from '../../src/app/run-pyramid.js'
import { preparations, type PrepareMode } from '../../src/core/pipeline/preparation.js'
import type { Tier } from '../../src/core/results/model.js'
import { tierResult, type TierRun } from '../../src/core/results/run.js'
import type { Plan } from '../../src/core/tiers/plan.js'
import { recordingLog } from '../fakes/log.js'
import { eventClock, type EventClock } from '../fakes/event-clock.js'
import { engineDeps, recorder, scriptedLifecycle, scriptedShell, T0, type Recorder } from './engine-fakes.js'

const S = 1000

function plan(tiers: Tier[], opts: { isFork?: boolean } = {}): Plan {
  return {
    event: 'push',
    isDefaultBranch: true,
    isFork: opts.isFork ?? false,
    selection: 'explicit',
    tiers: (['unit', 'integration', 'e2e'] as const).map((tier) => ({
      tier,
      run: tiers.includes(tier),
      reason: tiers.includes(tier) ? 'asked' : 'not asked',
      command: `test:${tier}`
    }))
  }
}

interface World {
  clock: EventClock
  rec: Recorder
  created: string[]
  lifecycles: Record<string, ReturnType<typeof scriptedLifecycle>>
}

function world(): World {
  const clock = eventClock(T0)
  return { clock, rec: recorder(clock), created: [], lifecycles: {} }
}

async function pyramid(
  w: World,
  mode: PrepareMode,
  o: {
    tiers?: Tier[]
    unitExit?: number
    failFast?: boolean
    /** LocalStack's removal: how long, and whether it fails. */
    integrationTeardown?: { ms: number; fails?: boolean }
    isFork?: boolean
    signal?: AbortSignal
    onLifecycle?: Parameters<typeof runPyramid>[1]['onLifecycle']
  } = {}
): Promise<TierRun[]> {
  const p = plan(o.tiers ?? ['unit', 'integration', 'e2e'], { isFork: o.isFork ?? false })
  const shell = scriptedShell(w.clock, w.rec, {
    'test:unit': { ms: 40 * S, exit: o.unitExit ?? 0 },
    'test:integration': { ms: 60 * S },
    'test:e2e': { ms: 60 * S }
  })
  const make = (tier: 'integration' | 'e2e') => () => {
    w.created.push(tier)
    const l = scriptedLifecycle(
      tier,
      w.clock,
      w.rec,
      tier === 'integration'
        ? {
            setup: [{ name: 'localstack', ms: 25 * S }],
            teardownMs: o.integrationTeardown?.ms ?? 0,
            teardownFails: o.integrationTeardown?.fails ?? false
          }
        : {
            setup: [
              { name: 'synth', ms: 20 * S },
              { name: 'deploy', ms: 150 * S, full: true }
            ],
            teardownMs: 60 * S
          }
    )
    w.lifecycles[tier] = l
    return l
  }
  return w.clock.run(
    runPyramid(engineDeps(w.clock, shell), {
      plan: p,
      retries: 0,
      failFast: o.failFast ?? true,
      failOnFlaky: false,
      workingDirectory: '/work',
      baseEnv: {},
      resultsRoot: '/results',
      repoRoot: '/work',
      runnerPricePerMinute: 0.006,
      autoReport: false,
      secrets: [],
      job: 'test',
      prepare: { mode, preparations: preparations(p, mode) },
      lifecycles: { integration: make('integration'), e2e: make('e2e') },
      signal: o.signal ?? new AbortController().signal,
      ...(o.onLifecycle ? { onLifecycle: o.onLifecycle } : {})
    })
  )
}

const wall = (w: World) => w.clock.now() - T0
const charged = (runs: TierRun[]) => runs.flatMap((r) => r.runnerTime).reduce((s, r) => s + r.wallMs, 0)
const results = (runs: TierRun[]) =>
  Object.fromEntries(runs.map((r) => [r.tier, tierResult(r, { failOnFlaky: false })]))

describe('the pipelined pyramid: what starts when', () => {
  it('off: one tier after the other, the sum of every phase', async () => {
    const w = world()
    const runs = await pyramid(w, 'off')
    expect(wall(w)).toBe((40 + 25 + 60 + 20 + 150 + 60 + 60) * S)
    expect(w.rec.at('integration localstack start')).toBe(40 * S)
    expect(w.rec.at('e2e synth start')).toBe(125 * S)
    expect(results(runs)).toEqual({ unit: 'passed', integration: 'passed', e2e: 'passed' })
    expect(charged(runs)).toBe(wall(w))
  })

  it('auto: LocalStack starts with unit, synth while the lower tiers run; the deploy waits for them', async () => {
    const w = world()
    const runs = await pyramid(w, 'auto')
    expect(w.rec.at('integration localstack start')).toBe(0)
    expect(w.rec.at('e2e synth start')).toBe(0)
    expect(w.rec.at('start test:integration')).toBe(40 * S)
    expect(w.rec.at('e2e deploy start')).toBe(100 * S)
    // max(unit, LocalStack) + integration + deploy + e2e + destroy
    expect(wall(w)).toBe((40 + 60 + 150 + 60 + 60) * S)
    expect(results(runs)).toEqual({ unit: 'passed', integration: 'passed', e2e: 'passed' })
    // The tier's phases are all reported, the ahead ones first, each with its start.
    expect(runs.find((r) => r.tier === 'e2e')!.phases.map((p) => [p.name, (p.startedAt ?? 0) - T0])).toEqual([
      ['synth', 0],
      ['deploy', 100 * S],
      ['teardown', 310 * S]
    ])
    expect(charged(runs)).toBe(wall(w))
  })

  it('eager: the deploy runs beside unit and integration; the e2e tests start when both are done', async () => {
    const w = world()
    const runs = await pyramid(w, 'eager')
    expect(w.rec.at('e2e deploy start')).toBe(20 * S)
    expect(w.rec.at('start test:e2e')).toBe(170 * S)
    // max(unit + integration, synth + deploy) + e2e + destroy
    expect(wall(w)).toBe((170 + 60 + 60) * S)
    expect(results(runs)).toEqual({ unit: 'passed', integration: 'passed', e2e: 'passed' })
    expect(charged(runs)).toBe(wall(w))
    const byTier = Object.fromEntries(runs.map((r) => [r.tier, r.runnerTime[0]!.wallMs]))
    expect(byTier).toEqual({ unit: 40 * S, integration: 60 * S, e2e: 190 * S })
  })

  it('a lower tier that ends after the deploy: the e2e tests wait for it, not for the deploy', async () => {
    const w = world()
    const p = plan(['unit', 'integration', 'e2e'])
    const shell = scriptedShell(w.clock, w.rec, {
      'test:unit': { ms: 100 * S },
      'test:integration': { ms: 200 * S },
      'test:e2e': { ms: 10 * S }
    })
    await w.clock.run(
      runPyramid(engineDeps(w.clock, shell), {
        plan: p,
        retries: 0,
        failFast: true,
        failOnFlaky: false,
        workingDirectory: '/w',
        baseEnv: {},
        resultsRoot: '/r',
        repoRoot: '/w',
        runnerPricePerMinute: 0,
        autoReport: false,
        secrets: [],
        job: 'test',
        prepare: { mode: 'eager', preparations: preparations(p, 'eager') },
        lifecycles: {
          e2e: () =>
            scriptedLifecycle('e2e', w.clock, w.rec, {
              setup: [{ name: 'deploy', ms: 50 * S, full: true }],
              teardownMs: 5 * S
            })
        },
        signal: new AbortController().signal
      })
    )
    expect(w.rec.at('e2e deploy end')).toBe(50 * S)
    expect(w.rec.at('start test:e2e')).toBe(300 * S)
    expect(wall(w)).toBe(315 * S)
  })
})

describe('the pipelined pyramid: a tier starts beside the teardown of the tier below', () => {
  const removal = { ms: 10 * S }

  it('auto: the e2e deploy starts when the integration tests end, LocalStack is removed beside it', async () => {
    const w = world()
    const runs = await pyramid(w, 'auto', { integrationTeardown: removal })
    expect(w.rec.at('end test:integration')).toBe(100 * S)
    expect(w.rec.at('integration teardown start')).toBe(100 * S)
    expect(w.rec.at('e2e deploy start')).toBe(100 * S)
    expect(w.rec.at('integration teardown end')).toBe(110 * S)
    // The bound of auto, the removal not in it.
    expect(wall(w)).toBe((40 + 60 + 150 + 60 + 60) * S)
    expect(results(runs)).toEqual({ unit: 'passed', integration: 'passed', e2e: 'passed' })
    expect(runs.find((r) => r.tier === 'integration')!.runnerTime[0]!.wallMs).toBe(70 * S)
    expect(charged(runs)).toBe(wall(w))
  })

  it('the job waits for a teardown that outlasts the higher tiers', async () => {
    const w = world()
    await pyramid(w, 'eager', { integrationTeardown: { ms: 400 * S } })
    expect(w.rec.at('e2e teardown end')).toBe(290 * S)
    expect(w.rec.at('integration teardown end')).toBe(500 * S)
    expect(wall(w)).toBe(500 * S)
  })

  it('off: the next tier waits for the teardown', async () => {
    const w = world()
    await pyramid(w, 'off', { integrationTeardown: removal })
    expect(w.rec.at('e2e synth start')).toBe(135 * S)
  })

  it('a failed teardown fails its tier and the run, but fail-fast still runs the tier above (the tests passed)', async () => {
    const w = world()
    const runs = await pyramid(w, 'auto', { integrationTeardown: { ms: 10 * S, fails: true } })
    expect(results(runs)).toEqual({ unit: 'passed', integration: 'failed', e2e: 'passed' })
    const integration = runs.find((r) => r.tier === 'integration')!
    expect(integration.teardownFailure).toBe('integration teardown failed')
    expect(w.rec.at('start test:e2e')).toBe(250 * S)
  })
})

describe('the pipelined pyramid: what is prepared is torn down when the tier must not run', () => {
  it('eager with fail-fast: unit fails, the deploy in flight is stopped and the stacks destroyed at once', async () => {
    const w = world()
    const runs = await pyramid(w, 'eager', { unitExit: 1 })
    expect(results(runs)).toEqual({ unit: 'failed', integration: 'skipped', e2e: 'skipped' })
    expect(w.rec.at('e2e deploy stopped')).toBe(40 * S)
    expect(w.rec.at('e2e teardown start')).toBe(40 * S)
    expect(w.rec.at('integration teardown start')).toBe(40 * S)
    expect(wall(w)).toBe(100 * S)
    expect(w.lifecycles.e2e!.teardowns).toBe(1)
    expect(w.lifecycles.integration!.teardowns).toBe(1)
    const e2e = runs.find((r) => r.tier === 'e2e')!
    expect(e2e.outcome).toEqual({ kind: 'skipped', reason: 'unit failed and fail-fast is on' })
    expect(e2e.phases.map((p) => p.name)).toEqual(['synth', 'deploy', 'teardown'])
    expect(e2e.notes.map((n) => n.text).join('\n')).toMatch(
      /Prepared ahead of its turn \(prepare: eager\); unit failed and fail-fast is on, so what it prepared was torn down at once/
    )
    expect(w.rec.events.some((e) => e.what === 'start test:e2e')).toBe(false)
    expect(charged(runs)).toBe(wall(w))
  })

  it('without fail-fast a failed lower tier does not stop the higher ones', async () => {
    const w = world()
    const runs = await pyramid(w, 'eager', { unitExit: 1, failFast: false })
    expect(results(runs)).toEqual({ unit: 'failed', integration: 'passed', e2e: 'passed' })
    expect(wall(w)).toBe(290 * S)
  })

  it('a cancellation during the overlapped phases cancels every tier and tears down what each prepared', async () => {
    const w = world()
    const source = new EventEmitter()
    const cancellation = watchCancellation(recordingLog(), source as unknown as NodeJS.Process)
    void w.clock.sleep(30 * S).then(() => source.emit('SIGINT', 'SIGINT'))
    const runs = await pyramid(w, 'eager', {
      signal: cancellation.signal,
      onLifecycle: (l) => cancellation.register(l)
    })
    await cancellation.settled()
    expect(results(runs)).toEqual({ unit: 'cancelled', integration: 'cancelled', e2e: 'cancelled' })
    expect(w.rec.at('killed test:unit')).toBe(30 * S)
    expect(w.rec.at('e2e deploy stopped')).toBe(30 * S)
    expect(w.lifecycles.e2e!.cancels).toBe(1)
    expect(w.lifecycles.integration!.cancels).toBe(1)
    expect(w.lifecycles.e2e!.teardowns).toBe(1)
    expect(w.lifecycles.integration!.teardowns).toBe(1)
    cancellation.dispose()
  })

  it('a cancellation before anything started skips every tier and creates no lifecycle', async () => {
    const w = world()
    const aborted = new AbortController()
    aborted.abort()
    const runs = await pyramid(w, 'eager', { signal: aborted.signal })
    expect(results(runs)).toEqual({ unit: 'skipped', integration: 'skipped', e2e: 'skipped' })
    expect(w.created).toEqual([])
  })
})

describe('the pipelined pyramid: what is never prepared', () => {
  it.each(['auto', 'eager'] as const)(
    'a plan without e2e never creates the e2e lifecycle (%s)',
    async (mode) => {
      const w = world()
      await pyramid(w, mode, { tiers: ['unit', 'integration'] })
      expect(w.created).toEqual(['integration'])
    }
  )

  it('a fork never prepares e2e, even eager and even if the plan ran it', () => {
    expect(preparations(plan(['unit', 'integration', 'e2e'], { isFork: true }), 'eager')).toEqual({
      integration: 'free'
    })
  })
})
