/**
 * The engine shared by the action and the CLI. It carries out the steps core/pipeline/schedule.ts
 * decides: a tier's preparation starts ahead of its turn where the `prepare` input allows it (LocalStack
 * while unit runs, synth or the deploy while the lower tiers run), each tier runs in pyramid order once the
 * tests of the tiers below it have ended (their teardowns go on beside it, except with prepare: off),
 * fail-fast skips the higher tiers (and tears down what they prepared), and a cancellation starts nothing
 * new. It returns once every teardown has ended. Every lifecycle is handed to `onLifecycle` the moment it is created,
 * before any of its phases starts, so cancellation reaches every phase in flight.
 */
import { TIER_ORDER, type Tier } from '../core/results/model.js'
import { skippedTier, tierResult, type TierOutcome, type TierRun } from '../core/results/run.js'
import { teardownBeside, type PrepareMode, type Preparations } from '../core/pipeline/preparation.js'
import { chargeRunnerTime, type TierSpan } from '../core/pipeline/runner-time.js'
import {
  cancel,
  initialState,
  nextSteps,
  notRunReason,
  settle,
  type NotRun,
  type PhaseEnd,
  type Step
} from '../core/pipeline/schedule.js'
import type { Plan } from '../core/tiers/plan.js'
import { errorMessage } from '../core/error-message.js'
import type { TierLifecycle, TierPreparation } from './tier-lifecycle.js'
import { afterPreparation } from './prepared-lifecycle.js'
import { testTier, type TierDeps, type TierRunWithoutTime } from './tiers/run-tier.js'

export interface PyramidOptions {
  plan: Plan
  retries: number
  failFast: boolean
  failOnFlaky: boolean
  workingDirectory: string
  baseEnv: Record<string, string | undefined>
  resultsRoot: string
  repoRoot: string
  runnerPricePerMinute: number
  autoReport: boolean
  /** Values masked in the command output kept to explain failures. */
  secrets: readonly string[]
  /** The `prepare` input, and what it lets each tier do ahead of its turn for this plan. */
  prepare: { mode: PrepareMode; preparations: Preparations }
  /** This job's key (job id + matrix values): GitHub bills each job in whole minutes. */
  job: string
  /** Created only when the tier prepares or runs (so a plan without e2e never touches AWS). */
  lifecycles: Partial<Record<Tier, () => TierLifecycle>>
  signal: AbortSignal
  /** Called with each lifecycle as it is created, so a cancel handler can reach it. */
  onLifecycle?: (lifecycle: TierLifecycle) => void
}

/** A tier whose lifecycle exists: what it prepared, and how to stop its preparation. */
interface LiveTier {
  lifecycle?: TierLifecycle
  stop: AbortController
  /** Settles when the preparation ended (never rejects). */
  preparing?: Promise<TierPreparation>
  startedAt?: number
}

/** A phase that ended; `then` is the tier's next phase, already running (the teardown after the tests). */
type Ended = { tier: Tier; end: PhaseEnd; then?: Promise<Ended> }

export async function runPyramid(deps: TierDeps, opts: PyramidOptions): Promise<TierRun[]> {
  const runs = new Map<Tier, TierRunWithoutTime>()
  const spans: TierSpan[] = []
  const live = new Map<Tier, LiveTier>()
  const inFlight = new Map<Tier, Promise<Ended>>()
  for (const p of opts.plan.tiers) if (!p.run) runs.set(p.tier, skippedTier(p.tier, p.reason))
  const planned = TIER_ORDER.filter((t) => opts.plan.tiers.some((p) => p.tier === t && p.run))
  let state = initialState(planned, opts.prepare.preparations, {
    failFast: opts.failFast,
    teardownBeside: teardownBeside(opts.prepare.mode)
  })

  const liveTier = (tier: Tier): LiveTier => {
    let t = live.get(tier)
    if (!t) {
      const lifecycle = opts.lifecycles[tier]?.()
      if (lifecycle) opts.onLifecycle?.(lifecycle)
      t = { ...(lifecycle ? { lifecycle } : {}), stop: new AbortController() }
      live.set(tier, t)
    }
    t.startedAt ??= deps.clock.now()
    return t
  }
  const finish = (tier: Tier, run: TierRunWithoutTime, startedAt: number) => {
    runs.set(tier, run)
    spans.push({ tier, startMs: startedAt, endMs: deps.clock.now() })
  }

  const start = (step: Step): void => {
    const { tier } = step
    switch (step.step) {
      case 'skip':
        runs.set(tier, skippedTier(tier, notRunReason(step.why)))
        return
      case 'prepare': {
        const t = liveTier(tier)
        const prepare = t.lifecycle?.prepare?.bind(t.lifecycle)
        t.preparing = prepare
          ? prepare(step.scope, AbortSignal.any([opts.signal, t.stop.signal])).catch(
              (err: unknown): TierPreparation => ({
                phases: [],
                notes: [],
                facts: {},
                failure: errorMessage(err)
              })
            )
          : Promise.resolve({ phases: [], notes: [], facts: {} })
        inFlight.set(
          tier,
          t.preparing.then(() => ({ tier, end: { phase: 'prepare' } }))
        )
        return
      }
      case 'run':
        inFlight.set(tier, runOne(tier))
        return
      case 'discard':
        inFlight.set(tier, discard(tier, step.why))
        return
    }
  }

  const runOne = async (tier: Tier): Promise<Ended> => {
    const plan = opts.plan.tiers.find((p) => p.tier === tier)!
    const t = liveTier(tier)
    const startedAt = t.startedAt ?? deps.clock.now()
    const prepared = t.preparing ? await t.preparing : undefined
    const lifecycle = t.lifecycle && prepared ? afterPreparation(t.lifecycle, prepared) : t.lifecycle
    const { tests, tornDown } = await testTier(deps, {
      plan,
      retries: opts.retries,
      workingDirectory: opts.workingDirectory,
      baseEnv: opts.baseEnv,
      resultsRoot: opts.resultsRoot,
      repoRoot: opts.repoRoot,
      ...(lifecycle ? { lifecycle } : {}),
      signal: opts.signal,
      autoReport: opts.autoReport,
      secrets: opts.secrets
    })
    const resultOf = (run: TierRunWithoutTime) =>
      tierResult({ ...run, runnerTime: [] }, { failOnFlaky: opts.failOnFlaky })
    const then = tornDown.then((run): Ended => {
      finish(tier, run, startedAt)
      return { tier, end: { phase: 'run', result: resultOf(run) } }
    })
    return { tier, end: { phase: 'tests', verdict: resultOf(tests) }, then }
  }

  /** A tier that prepared but must not run: its preparation is stopped and what it made is torn down. */
  const discard = async (tier: Tier, why: NotRun): Promise<Ended> => {
    const t = liveTier(tier)
    const startedAt = t.startedAt ?? deps.clock.now()
    t.stop.abort()
    const prepared = (await t.preparing) ?? { phases: [], notes: [], facts: {} }
    const down = t.lifecycle ? await t.lifecycle.teardown() : undefined
    const reason = notRunReason(why)
    const outcome: TierOutcome =
      why.kind === 'cancelled' ? { kind: 'cancelled', attempts: [] } : { kind: 'skipped', reason }
    finish(
      tier,
      {
        tier,
        outcome,
        ...(down?.failure !== undefined ? { teardownFailure: down.failure } : {}),
        tests: [],
        phases: [...prepared.phases, ...(down?.phases ?? [])],
        notes: [
          ...prepared.notes,
          {
            level: 'info',
            text: `Prepared ahead of its turn (prepare: ${opts.prepare.mode}); ${reason}, so what it prepared was torn down at once.`
          },
          ...(down?.notes ?? [])
        ],
        facts: { ...prepared.facts, ...down?.facts }
      },
      startedAt
    )
    return { tier, end: { phase: 'discard' } }
  }

  let aborted: Promise<'aborted'> | undefined
  for (;;) {
    if (opts.signal.aborted && !state.cancelled) state = cancel(state)
    const next = nextSteps(state)
    state = next.state
    next.steps.forEach(start)
    if (inFlight.size === 0) break
    aborted ??= new Promise((resolve) => {
      if (opts.signal.aborted) resolve('aborted')
      else opts.signal.addEventListener('abort', () => resolve('aborted'), { once: true })
    })
    const waits: Promise<Ended | 'aborted'>[] = [...inFlight.values()]
    if (!state.cancelled) waits.push(aborted)
    const ended = await Promise.race(waits)
    if (ended === 'aborted') continue
    if (ended.then) inFlight.set(ended.tier, ended.then)
    else inFlight.delete(ended.tier)
    state = settle(state, ended.tier, ended.end)
  }

  const charged = chargeRunnerTime(spans)
  return TIER_ORDER.flatMap((tier) => {
    const run = runs.get(tier)
    if (!run) return []
    const wallMs = charged.get(tier)
    return [
      {
        ...run,
        runnerTime:
          wallMs === undefined ? [] : [{ wallMs, usdPerMinute: opts.runnerPricePerMinute, job: opts.job }]
      }
    ]
  })
}
