/**
 * The pipelined pyramid's decisions, as a pure state machine. Each planned tier goes through explicit
 * phases — prepare (possibly ahead of its turn), run (the rest of its setup and its command: the tests,
 * then its teardown), or discard (a tier that prepared but must not run is torn down) — and the engine
 * (app/run-pyramid.ts) only carries out the steps decided here and reports back when each phase ends.
 *
 * Rules: a tier runs when every lower tier's tests have ended (their verdict is known) and its own
 * preparation (if any) has ended; with `teardownBeside` the lower tiers' teardowns (LocalStack's removal,
 * a destroy) go on beside it, without it (prepare: off) it waits for them too. With fail-fast a lower
 * tier whose tests failed skips it (or discards what it prepared): the tests' verdict decides, a failed
 * teardown fails the run but skips nothing. A cancelled run starts nothing new and discards what was
 * prepared. The run has ended only when every teardown has.
 */
import type { Tier } from '../results/model.js'
import type { TierResult } from '../results/run.js'
import type { PrepareScope, Preparations } from './preparation.js'

export type TierStage =
  | { stage: 'waiting' }
  | { stage: 'preparing' }
  | { stage: 'prepared' }
  | { stage: 'running' }
  /** The tests ended with this verdict; the teardown is running. */
  | { stage: 'tearing-down'; verdict: TierResult }
  /** `result` counts the teardown; `verdict` is the tests' alone (what fail-fast reads). */
  | { stage: 'finished'; result: TierResult; verdict: TierResult }
  | { stage: 'discarding' }
  /** Skipped, or discarded after its preparation: ended without a result of its own. */
  | { stage: 'ended' }

export interface PipelineState {
  /** The tiers the plan runs, in pyramid order. */
  tiers: readonly Tier[]
  preparations: Preparations
  stages: Readonly<Partial<Record<Tier, TierStage>>>
  failFast: boolean
  /** A tier may start while the lower tiers' teardowns still run (every prepare mode but off). */
  teardownBeside: boolean
  cancelled: boolean
}

/** Why a tier that did not run did not. */
export type NotRun = { kind: 'blocked'; by: Tier } | { kind: 'cancelled' }

export type Step =
  | { step: 'prepare'; tier: Tier; scope: PrepareScope }
  | { step: 'run'; tier: Tier }
  /** Nothing was started for the tier: it is reported skipped. */
  | { step: 'skip'; tier: Tier; why: NotRun }
  /** The tier prepared (or is preparing): stop that, tear it down, report it as not run. */
  | { step: 'discard'; tier: Tier; why: NotRun }

export type PhaseEnd =
  | { phase: 'prepare' }
  /** The tier's tests ended (its command, or its setup failed or skipped it); its teardown goes on. */
  | { phase: 'tests'; verdict: TierResult }
  /** The tier ended, teardown included; `result` counts a failed teardown. */
  | { phase: 'run'; result: TierResult }
  | { phase: 'discard' }

export function initialState(
  tiers: readonly Tier[],
  preparations: Preparations,
  opts: { failFast: boolean; teardownBeside: boolean }
): PipelineState {
  const stages: Partial<Record<Tier, TierStage>> = {}
  for (const t of tiers) stages[t] = { stage: 'waiting' }
  return { tiers, preparations, stages, ...opts, cancelled: false }
}

/** The reason shown for a tier that did not run. */
export function notRunReason(why: NotRun): string {
  return why.kind === 'blocked'
    ? `${why.by} failed and fail-fast is on`
    : 'the run was cancelled before this tier started'
}

const ENDED = new Set<TierStage['stage']>(['finished', 'ended'])

function stageOf(s: PipelineState, tier: Tier): TierStage {
  return s.stages[tier] ?? { stage: 'ended' }
}

/** Why a tier must not run now, if it must not: the run was cancelled, or a lower tier failed (fail-fast). */
function notRun(s: PipelineState, lower: readonly Tier[]): NotRun | undefined {
  if (s.cancelled) return { kind: 'cancelled' }
  if (!s.failFast) return undefined
  const failed = lower.find((t) => {
    const st = stageOf(s, t)
    return (st.stage === 'finished' || st.stage === 'tearing-down') && st.verdict === 'failed'
  })
  return failed ? { kind: 'blocked', by: failed } : undefined
}

/** The tier's turn may come after this one's: ended, or (teardownBeside) its tests are done. */
function doneForTheNext(s: PipelineState, tier: Tier): boolean {
  const stage = stageOf(s, tier).stage
  return ENDED.has(stage) || (s.teardownBeside && stage === 'tearing-down')
}

/**
 * The steps to take now, and the state they put the tiers in. Call again after every phase end (settle)
 * and after a cancellation; a step is never returned twice.
 */
export function nextSteps(s: PipelineState): { steps: Step[]; state: PipelineState } {
  const steps: Step[] = []
  const stages = { ...s.stages }
  s.tiers.forEach((tier, i) => {
    const lower = s.tiers.slice(0, i)
    const stage = stageOf(s, tier).stage
    const why = notRun(s, lower)
    const lowerEnded = lower.every((t) => doneForTheNext(s, t))
    if (stage === 'waiting') {
      const scope = s.preparations[tier]
      if (why) {
        steps.push({ step: 'skip', tier, why })
        stages[tier] = { stage: 'ended' }
      } else if (lowerEnded) {
        steps.push({ step: 'run', tier })
        stages[tier] = { stage: 'running' }
      } else if (scope) {
        steps.push({ step: 'prepare', tier, scope })
        stages[tier] = { stage: 'preparing' }
      }
    } else if (stage === 'preparing' || stage === 'prepared') {
      if (why) {
        steps.push({ step: 'discard', tier, why })
        stages[tier] = { stage: 'discarding' }
      } else if (stage === 'prepared' && lowerEnded) {
        steps.push({ step: 'run', tier })
        stages[tier] = { stage: 'running' }
      }
    }
  })
  return { steps, state: { ...s, stages } }
}

/** Records the end of a tier's phase. */
export function settle(s: PipelineState, tier: Tier, end: PhaseEnd): PipelineState {
  const now = stageOf(s, tier)
  const next = ((): TierStage => {
    switch (end.phase) {
      case 'prepare':
        return now.stage === 'preparing' ? { stage: 'prepared' } : now
      case 'tests':
        return { stage: 'tearing-down', verdict: end.verdict }
      case 'run':
        return {
          stage: 'finished',
          result: end.result,
          verdict: now.stage === 'tearing-down' ? now.verdict : end.result
        }
      case 'discard':
        return { stage: 'ended' }
    }
  })()
  return { ...s, stages: { ...s.stages, [tier]: next } }
}

/** The run was cancelled: nothing new starts, prepared tiers are discarded. */
export function cancel(s: PipelineState): PipelineState {
  return { ...s, cancelled: true }
}

/** Every tier has ended: the engine is done once the phases in flight have settled. */
export function allEnded(s: PipelineState): boolean {
  return s.tiers.every((t) => ENDED.has(stageOf(s, t).stage))
}
