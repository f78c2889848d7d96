/**
 * What one run of the pyramid produced: the plan it followed, and per tier the command attempts, the
 * tests and the timing. Verdicts and totals are derived by functions here, not stored.
 */
import { countTests, type Counts, type TestCase, type Tier } from './model.js'

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
  durationMs: number
  /** Report files that were read for this attempt. */
  reportFiles: string[]
}

/** A setup or teardown phase of a tier (LocalStack start, deploy, destroy...). */
export interface Phase {
  name: string
  kind: 'setup' | 'teardown'
  durationMs: number
  ok: boolean
  detail?: string
}

/** A note shown next to the tier in reports. Warnings are also logged as workflow warnings. */
export interface TierNote {
  level: 'info' | 'warning' | 'error'
  text: string
}

export interface TierRun {
  tier: Tier
  /** Set when the tier did not run at all (not selected, fail-fast, fork, missing token...). */
  skippedReason?: string
  /** Set when the tier was cancelled (SIGINT/SIGTERM). */
  cancelled?: boolean
  /** Set when setup failed (LocalStack did not start, deploy failed): an infrastructure failure. */
  setupFailure?: string
  /** Set when teardown failed (e.g. a stack not confirmed deleted): the tier fails whatever the tests said. */
  teardownFailure?: string
  attempts: CommandAttempt[]
  tests: TestCase[]
  phases: Phase[]
  notes: TierNote[]
  /** True when no report was found and the verdict came from the exit code alone. */
  exitCodeOnly: boolean
  /** Runner cost of this tier in USD (minutes × price); stack cost is added by the e2e tier. */
  costUsd: number
  /** Free-form key facts shown in the tier's details (LocalStack version, stack names...). */
  facts: Record<string, string>
}

export interface TierTiming {
  setupMs: number
  testMs: number
  teardownMs: number
}

export function tierTiming(t: Pick<TierRun, 'phases' | 'attempts'>): TierTiming {
  const sum = (kind: Phase['kind']) =>
    t.phases.filter((p) => p.kind === kind).reduce((s, p) => s + p.durationMs, 0)
  return {
    setupMs: sum('setup'),
    testMs: t.attempts.reduce((s, a) => s + a.durationMs, 0),
    teardownMs: sum('teardown')
  }
}

export interface TierVerdictOptions {
  failOnFlaky: boolean
}

/**
 * A tier's result. Reported failures decide when a report exists; otherwise the exit code of the last
 * attempt. A tier whose only failures turned out flaky passes unless failOnFlaky.
 */
export function tierResult(t: TierRun, opts: TierVerdictOptions): TierResult {
  if (t.cancelled) return 'cancelled'
  if (t.skippedReason !== undefined) return 'skipped'
  if (t.setupFailure !== undefined || t.teardownFailure !== undefined) return 'failed'
  const last = t.attempts[t.attempts.length - 1]
  if (!last) return 'skipped'
  const c = countTests(t.tests)
  if (c.failed > 0) return 'failed'
  if (opts.failOnFlaky && c.flaky > 0) return 'failed'
  if (t.exitCodeOnly || c.tests === 0) return last.exitCode === 0 ? 'passed' : 'failed'
  // A report with no failures but a non-zero exit on the last attempt: the command failed outside of
  // any test (a crash, a coverage threshold, a failed teardown). That is a failure.
  if (last.exitCode !== 0) return 'failed'
  return 'passed'
}

export function runResult(tiers: readonly TierRun[], opts: TierVerdictOptions): RunResult {
  const results = tiers.map((t) => tierResult(t, opts))
  if (results.includes('cancelled')) return 'cancelled'
  if (results.includes('failed')) return 'failure'
  if (results.includes('passed')) return 'success'
  return 'skipped'
}

export function runCounts(tiers: readonly TierRun[]): Counts {
  return countTests(tiers.flatMap((t) => t.tests))
}

/** Infrastructure failure: setup failed, or more than 80% of executed tests failed. */
export function isInfrastructureFailure(t: Pick<TierRun, 'setupFailure' | 'tests'>): boolean {
  if (t.setupFailure !== undefined) return true
  const c = countTests(t.tests)
  return c.executed >= 5 && c.failed / c.executed > 0.8
}

export function emptyTierRun(tier: Tier): TierRun {
  return { tier, attempts: [], tests: [], phases: [], notes: [], exitCodeOnly: false, costUsd: 0, facts: {} }
}
