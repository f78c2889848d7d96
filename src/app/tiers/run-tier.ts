/**
 * Runs one tier: the lifecycle's setup, the command (re-run up to `retries` times while tests fail, only
 * the failed ones where the runner allows it), the reports it wrote, and always the lifecycle's teardown
 * — which the engine lets run beside the next tier (testTier returns when the tests are done).
 */
import type { FailureOutput, Phase, TierNote, TierOutcome, TierRun } from '../../core/results/run.js'
import type { TierPlan } from '../../core/tiers/plan.js'
import type { Clock, Log, ResultsSource, Shell, Workspace } from '../ports.js'
import { errorMessage } from '../../core/error-message.js'
import type { TierLifecycle, TierSetup, TierTeardown } from '../tier-lifecycle.js'
import { runAttempts, type CommandRun } from './run-attempts.js'
import { tierCommand } from './tier-command.js'

export interface TierDeps {
  shell: Shell
  clock: Clock
  log: Log
  results: ResultsSource
  workspace: Workspace
}

export interface TierOptions {
  plan: TierPlan
  retries: number
  workingDirectory: string
  baseEnv: Record<string, string | undefined>
  /** Folder under which each attempt gets its own empty results folder. */
  resultsRoot: string
  /** Test files are reported relative to this folder (GITHUB_WORKSPACE), as annotations need. */
  repoRoot: string
  lifecycle?: TierLifecycle
  signal: AbortSignal
  /** Add the detected runner's own report when the command writes none (input auto-report). */
  autoReport: boolean
  /** Values masked in the output kept to explain a failure. */
  secrets: readonly string[]
}

/** A tier as runTier returns it: everything but the runner time, which the caller measures around it. */
export type TierRunWithoutTime = Omit<TierRun, 'runnerTime'>

/**
 * A tier whose tests have ended: what they gave (`tests`, without the teardown), and the teardown already
 * running, which settles with the whole run (teardown phases, notes and failure added; never rejects).
 */
export interface TestedTier {
  tests: TierRunWithoutTime
  tornDown: Promise<TierRunWithoutTime>
}

/** Setup, the command, then the teardown in full: the tier as one step. */
export async function runTier(deps: TierDeps, opts: TierOptions): Promise<TierRunWithoutTime> {
  return (await testTier(deps, opts)).tornDown
}

/**
 * Setup and the command; returns as soon as they ended, with the teardown started (so the next tier can
 * start beside it). When setup or the command throws, the teardown is awaited before the error goes on.
 */
export async function testTier(deps: TierDeps, opts: TierOptions): Promise<TestedTier> {
  const phases: Phase[] = []
  const notes: TierNote[] = []
  const facts: Record<string, string> = {}
  let outcome: TierOutcome
  let tests: TierRun['tests'] = []
  let failureOutput: FailureOutput | undefined
  const command = await tierCommand(deps.workspace, opts.plan.command, opts.workingDirectory, opts.baseEnv)
  // A shard that skips runs nothing, but still tears down what its lifecycle prepared.
  const shardSkip =
    command.shard?.kind === 'all-in-first' && command.shard.skip ? command.shard.why : undefined
  const lifecycle = opts.lifecycle
  try {
    let setup: TierSetup | undefined
    if (lifecycle && shardSkip === undefined) {
      setup = await lifecycle.setup(opts.signal)
      phases.push(...setup.phases)
      notes.push(...setup.notes)
      Object.assign(facts, setup.facts)
    }
    if (shardSkip !== undefined) outcome = { kind: 'skipped', reason: shardSkip }
    else if (opts.signal.aborted) outcome = { kind: 'cancelled', attempts: [] }
    else if (setup?.skippedReason !== undefined) outcome = { kind: 'skipped', reason: setup.skippedReason }
    else if (setup?.failure !== undefined) outcome = { kind: 'setup-failed', reason: setup.failure }
    else {
      const ran = await runAttempts(deps, opts, command, setup?.env ?? {})
      notes.push(...ran.notes)
      tests = ran.tests
      failureOutput = ran.failureOutput
      outcome = commandOutcome(ran)
    }
  } catch (err) {
    await lifecycle?.teardown()
    throw err
  }
  const tested: TierRunWithoutTime = {
    tier: opts.plan.tier,
    outcome,
    ...(failureOutput !== undefined ? { failureOutput } : {}),
    tests,
    phases,
    notes,
    facts
  }
  return { tests: tested, tornDown: lifecycle ? withTeardown(tested, lifecycle) : Promise.resolve(tested) }
}

/** The run with its lifecycle's teardown added; a teardown that throws is a teardown failure. */
async function withTeardown(
  tested: TierRunWithoutTime,
  lifecycle: TierLifecycle
): Promise<TierRunWithoutTime> {
  const down = await lifecycle
    .teardown()
    .catch((err: unknown): TierTeardown => ({ phases: [], notes: [], facts: {}, failure: errorMessage(err) }))
  return {
    ...tested,
    ...(down.failure !== undefined ? { teardownFailure: down.failure } : {}),
    phases: [...tested.phases, ...down.phases],
    notes: [...tested.notes, ...down.notes],
    facts: { ...tested.facts, ...down.facts }
  }
}

function commandOutcome(command: CommandRun): TierOutcome {
  const [first, ...rest] = command.attempts
  if (command.cancelled || !first) return { kind: 'cancelled', attempts: command.attempts }
  return { kind: 'ran', attempts: [first, ...rest] }
}
