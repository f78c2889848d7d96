/**
 * What a tier needs around its command: LocalStack for integration, an ephemeral stack for e2e.
 * The tier runner calls setup, runs the command with setup's environment, and always calls teardown
 * when setup was attempted — after a failure, a crash of the command, or a cancellation.
 */
import type { Phase, TierNote } from '../core/results/run.js'

export interface TierSetup {
  /** Environment changes for the tier's commands: a string sets the variable, undefined removes it. */
  env: Record<string, string | undefined>
  phases: Phase[]
  notes: TierNote[]
  facts: Record<string, string>
  /** The tier is skipped, not failed (e.g. a fork PR without a LocalStack token). Says why. */
  skippedReason?: string
  /** Setup failed: an infrastructure failure, the command does not run. Says what failed, why, what to do. */
  failure?: string
}

export interface TierTeardown {
  phases: Phase[]
  notes: TierNote[]
  facts: Record<string, string>
  /** Teardown failed (e.g. a stack could not be destroyed): fails the tier and the job. */
  failure?: string
}

export interface TierLifecycle {
  setup(signal: AbortSignal): Promise<TierSetup>
  /** Called once after setup was attempted, whatever happened since. Idempotent. */
  teardown(): Promise<TierTeardown>
  /**
   * Called at once when the run is cancelled (SIGINT/SIGTERM), possibly while setup or the command is
   * still running. Must start what protects the user (e.g. DeleteStack) within 2 s and not wait for it.
   */
  cancel(): Promise<void>
}
