/**
 * What one run of the pyramid produced: the plan it followed, and per tier how it ended (its outcome),
 * the command attempts, the tests and the timing. Verdicts, totals and costs are derived by functions
 * here and in run-totals.ts, never stored.
 */
import { addCounts, countTests, noTests, TIER_ORDER, type Counts, type TestCase, type Tier } from './model.js'

export type TierResult = 'passed' | 'failed' | 'skipped' | 'cancelled'
export type RunResult = 'success' | 'failure' | 'skipped' | 'cancelled'

/** One execution of a tier's command (the first run or an action-level retry). */
export interface CommandAttempt {
  attempt: number
  command: string
  /** 'all' = the whole command; 'failed-only' = re-run restricted to the failed tests/files. */
  scope: 'all' | 'failed-only'
  exitCode: number | null
  signal?: string
  /** When it started (ms since the epoch, on the job's clock); absent in reports from before it was kept. */
  startedAt?: number
  durationMs: number
  /** Report files that were read for this attempt. */
  reportFiles: string[]
}

/** A setup or teardown phase of a tier (LocalStack start, deploy, destroy...). */
export interface Phase {
  name: string
  kind: 'setup' | 'teardown'
  /** When it started (ms since the epoch, on the job's clock): the run's timeline. */
  startedAt?: number
  durationMs: number
  ok: boolean
  detail?: string
}

/** A note shown next to the tier in reports. Warnings are also logged as workflow warnings. */
export interface TierNote {
  level: 'info' | 'warning' | 'error'
  text: string
}

/**
 * How a tier ended. Exactly one of these: a tier that was skipped never has attempts, a tier whose
 * setup failed never ran its command, and a tier that ran has at least one attempt.
 */
export type TierOutcome =
  /** Did not start: not selected, fail-fast, a fork without a token, the run already cancelled... */
  | { kind: 'skipped'; reason: string }
  /** Setup failed (LocalStack did not start, the deploy failed): an infrastructure failure. */
  | { kind: 'setup-failed'; reason: string }
  /** Cancelled (SIGINT/SIGTERM) during setup or the command; the attempts that had started, if any. */
  | { kind: 'cancelled'; attempts: CommandAttempt[] }
  /** The command ran to the end of its retries. */
  | { kind: 'ran'; attempts: [CommandAttempt, ...CommandAttempt[]] }

/** The last lines of an attempt's output (colour codes removed, secrets masked: see output-tail.ts). */
export interface FailureOutput {
  attempt: number
  exitCode: number | null
  lines: string[]
}

/** Runner time a tier took in one job, at that job's runner price. */
export interface RunnerTime {
  /** From the tier's start to the end of its teardown, on the job's clock. */
  wallMs: number
  usdPerMinute: number
  /** The job (job id + matrix values) that ran it: GitHub rounds each job up to whole minutes. */
  job?: string
}

export interface TierRun {
  tier: Tier
  outcome: TierOutcome
  /** Teardown failed (e.g. a stack not confirmed deleted): the tier fails whatever the tests said. */
  teardownFailure?: string
  /** Why the exit code failed the tier when no failed test says it: the end of the output. */
  failureOutput?: FailureOutput
  /** Empty unless the command ran (or was cancelled while running). */
  tests: TestCase[]
  phases: Phase[]
  notes: TierNote[]
  /**
   * One entry per job that ran the tier (several when parallel jobs' reports are merged); empty when
   * the tier was skipped. The runner cost is derived from it.
   */
  runnerTime: RunnerTime[]
  /** Free-form key facts shown in the tier's details (LocalStack version, stack names...). */
  facts: Record<string, string>
}

/** A tier that did not start, with the reason shown in every report. */
export function skippedTier(tier: Tier, reason: string): TierRun {
  return {
    tier,
    outcome: { kind: 'skipped', reason },
    tests: [],
    phases: [],
    notes: [],
    runnerTime: [],
    facts: {}
  }
}

/** The command's executions, in order: empty when it never started. */
export function commandAttempts(t: Pick<TierRun, 'outcome'>): readonly CommandAttempt[] {
  return t.outcome.kind === 'ran' || t.outcome.kind === 'cancelled' ? t.outcome.attempts : []
}

/** The tier started (its setup or its command ran), whatever came of it. Skipped tiers did not. */
export function tierRan(t: Pick<TierRun, 'outcome'>): boolean {
  return t.outcome.kind !== 'skipped'
}

/** The command ran but no report was found: the verdict comes from its exit code alone. */
export function verdictFromExitCode(t: Pick<TierRun, 'outcome' | 'tests'>): boolean {
  return commandAttempts(t).length > 0 && t.tests.length === 0
}

/** Tiers in pyramid order (stable for several runs of one tier). */
export function tiersInOrder<T extends Pick<TierRun, 'tier'>>(tiers: readonly T[]): T[] {
  const rank = (t: T) => TIER_ORDER.indexOf(t.tier)
  return tiers
    .map((run, index) => ({ run, index }))
    .sort((a, b) => rank(a.run) - rank(b.run) || a.index - b.index)
    .map((x) => x.run)
}

export interface TierTiming {
  setupMs: number
  testMs: number
  teardownMs: number
}

export function tierTiming(t: Pick<TierRun, 'phases' | 'outcome'>): TierTiming {
  const sum = (kind: Phase['kind']) =>
    t.phases.filter((p) => p.kind === kind).reduce((s, p) => s + p.durationMs, 0)
  return {
    setupMs: sum('setup'),
    testMs: commandAttempts(t).reduce((s, a) => s + a.durationMs, 0),
    teardownMs: sum('teardown')
  }
}

export interface TierVerdictOptions {
  failOnFlaky: boolean
}

/**
 * A tier's result. In order: a cancelled tier is cancelled, whatever else happened; a skipped one is
 * skipped unless tearing down what it prepared ahead failed (stacks left behind still bill); a failed
 * setup or teardown fails the tier; otherwise the command decides (see commandResult).
 */
export function tierResult(t: TierRun, opts: TierVerdictOptions, counts?: Counts): TierResult {
  switch (t.outcome.kind) {
    case 'cancelled':
      return 'cancelled'
    case 'skipped':
      return t.teardownFailure !== undefined ? 'failed' : 'skipped'
    case 'setup-failed':
      return 'failed'
    case 'ran':
      return t.teardownFailure !== undefined
        ? 'failed'
        : commandResult(t.outcome.attempts, counts ?? countTests(t.tests), opts)
  }
}

/**
 * Reported failures decide when a report exists; otherwise the exit code of the last attempt. A tier
 * whose only failures turned out flaky passes unless failOnFlaky. A report with no failures but a
 * non-zero exit on the last attempt means the command failed outside of any test (a crash, a coverage
 * threshold, a failed teardown): that is a failure.
 */
function commandResult(
  attempts: readonly [CommandAttempt, ...CommandAttempt[]],
  c: Counts,
  opts: TierVerdictOptions
): TierResult {
  const last = attempts[attempts.length - 1]!
  if (c.failed > 0) return 'failed'
  if (opts.failOnFlaky && c.flaky > 0) return 'failed'
  return last.exitCode === 0 ? 'passed' : 'failed'
}

/** Each tier's counts (countTests of its tests), for callers that counted them already. */
export type CountsOf = (t: TierRun) => Counts

const counted: CountsOf = (t) => countTests(t.tests)

export function runResult(
  tiers: readonly TierRun[],
  opts: TierVerdictOptions,
  countsOf: CountsOf = counted
): RunResult {
  return combinedResult(tiers.map((t) => tierResult(t, opts, countsOf(t))))
}

/** The run's result from its tiers' results. */
export function combinedResult(results: readonly TierResult[]): RunResult {
  if (results.includes('cancelled')) return 'cancelled'
  if (results.includes('failed')) return 'failure'
  if (results.includes('passed')) return 'success'
  return 'skipped'
}

export function runCounts(tiers: readonly TierRun[], countsOf: CountsOf = counted): Counts {
  return tiers.reduce((sum, t) => addCounts(sum, countsOf(t)), noTests())
}

/** More than this share of the executed tests failed: an infrastructure failure, not test failures... */
export const INFRA_FAILED_SHARE = 0.8
/** ...counted only from this many executed tests (one of two failing is not an outage). */
export const INFRA_MIN_EXECUTED = 5

/** Infrastructure failure: setup failed, or more than 80% of at least 5 executed tests failed. */
export function isInfrastructureFailure(t: Pick<TierRun, 'outcome' | 'tests'>): boolean {
  if (t.outcome.kind === 'setup-failed') return true
  const c = countTests(t.tests)
  return c.executed >= INFRA_MIN_EXECUTED && c.failed / c.executed > INFRA_FAILED_SHARE
}
