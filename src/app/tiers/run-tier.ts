/**
 * Runs one tier: the lifecycle's setup, the command (re-run up to `retries` times while tests fail, only
 * the failed ones where the runner allows it), the reports it wrote, and always the lifecycle's teardown.
 */
import type { FailureOutput, Phase, TierNote, TierOutcome, TierRun } from '../../core/results/run.js'
import type { TierPlan } from '../../core/tiers/plan.js'
import type { Clock, Log, ResultsSource, Shell, Workspace } from '../ports.js'
import type { TierLifecycle, TierSetup } from '../tier-lifecycle.js'
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

export async function runTier(deps: TierDeps, opts: TierOptions): Promise<TierRunWithoutTime> {
  const phases: Phase[] = []
  const notes: TierNote[] = []
  const facts: Record<string, string> = {}
  let outcome: TierOutcome
  let tests: TierRun['tests'] = []
  let teardownFailure: string | undefined
  let failureOutput: FailureOutput | undefined
  const command = await tierCommand(deps.workspace, opts.plan.command, opts.workingDirectory, opts.baseEnv)
  // A shard that skips runs nothing, but still tears down what its lifecycle prepared (the finally below).
  const shardSkip =
    command.shard?.kind === 'all-in-first' && command.shard.skip ? command.shard.why : undefined
  try {
    let setup: TierSetup | undefined
    if (opts.lifecycle && shardSkip === undefined) {
      setup = await opts.lifecycle.setup(opts.signal)
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
  } finally {
    if (opts.lifecycle) {
      const down = await opts.lifecycle.teardown()
      phases.push(...down.phases)
      notes.push(...down.notes)
      Object.assign(facts, down.facts)
      teardownFailure = down.failure
    }
  }
  return {
    tier: opts.plan.tier,
    outcome,
    ...(teardownFailure !== undefined ? { teardownFailure } : {}),
    ...(failureOutput !== undefined ? { failureOutput } : {}),
    tests,
    phases,
    notes,
    facts
  }
}

function commandOutcome(command: CommandRun): TierOutcome {
  const [first, ...rest] = command.attempts
  if (command.cancelled || !first) return { kind: 'cancelled', attempts: command.attempts }
  return { kind: 'ran', attempts: [first, ...rest] }
}
