/**
 * What a tier needs around its command: LocalStack for integration, an ephemeral stack for e2e.
 * Its phases: prepare (the part of setup that may run while lower tiers run, see core/pipeline), setup
 * (the rest), the command, teardown. The engine calls prepare ahead of the tier's turn when the
 * `prepare` input allows it; the tier runner calls setup, runs the command with setup's environment, and
 * teardown is always called once anything was attempted — after a failure, a crash of the command, a
 * cancellation, or when a tier that prepared must not run (it is discarded).
 */
import type { PrepareScope } from '../core/pipeline/preparation.js'
import type { Phase, TierNote } from '../core/results/run.js'

/** What prepare (or setup) did; a failure or a skip in prepare ends the tier at its turn without setup. */
export interface TierPreparation {
  phases: Phase[]
  notes: TierNote[]
  facts: Record<string, string>
  /** The tier is skipped, not failed (e.g. a fork PR without a LocalStack token). Says why. */
  skippedReason?: string
  /** An infrastructure failure: the command does not run. Says what failed, why, what to do. */
  failure?: string
}

export interface TierSetup extends TierPreparation {
  /** Environment changes for the tier's commands: a string sets the variable, undefined removes it. */
  env: Record<string, string | undefined>
}

export interface TierTeardown {
  phases: Phase[]
  notes: TierNote[]
  facts: Record<string, string>
  /** Teardown failed (e.g. a stack could not be destroyed): fails the tier and the job. */
  failure?: string
}

export interface TierLifecycle {
  /**
   * The part of setup `scope` allows, ahead of the tier's turn. Called at most once, before setup. A
   * lifecycle without it prepares nothing ahead.
   */
  prepare?(scope: PrepareScope, signal: AbortSignal): Promise<TierPreparation>
  /** What is left of setup after prepare (everything when prepare was not called); returns only what it did. */
  setup(signal: AbortSignal): Promise<TierSetup>
  /** Called once after prepare or setup was attempted, whatever happened since. Idempotent. */
  teardown(): Promise<TierTeardown>
  /**
   * Called at once when the run is cancelled (SIGINT/SIGTERM), possibly while prepare, setup or the
   * command is still running. Must start what protects the user (e.g. DeleteStack) within 2 s and not wait for it.
   */
  cancel(): Promise<void>
}
