import { assignOrdinals, normalizeSuite, normalizeTitle, testId } from './identity.js'

/**
 * The result model. Everything a tier produced is a list of tests, each with its attempts; every count,
 * status and flag is derived from the attempts (never stored), so totals cannot disagree with the detail.
 */
export type Tier = 'unit' | 'integration' | 'e2e'
export const TIER_ORDER: readonly Tier[] = ['unit', 'integration', 'e2e']

/** Outcome of one execution of one test. Runner "error"/"broken" states are folded into failed. */
export type AttemptOutcome = 'passed' | 'failed' | 'skipped'

export interface Attempt {
  outcome: AttemptOutcome
  durationMs: number
  /** First lines of the failure message, untrusted text. */
  message?: string
  /** Stack trace or details, untrusted text. */
  trace?: string
  /** The action-level attempt (PYRAMID_ATTEMPT) whose command produced this execution. */
  runAttempt: number
}

/** One test as reported by a runner, before the engine assigns tier and run attempt. */
export interface ParsedTest {
  file?: string
  line?: number
  /** Suite path from outermost to innermost (describe blocks, classes, nested testsuites). */
  suite: string[]
  name: string
  /** Executions inside one report, in order (retries, repetitions). At least one. */
  attempts: Omit<Attempt, 'runAttempt'>[]
  /**
   * The file (or package) did not load or compile: this stands for every test of it, fails with the
   * reason, and is retried by file, never by name.
   */
  loadFailure?: true
}

/** The name of the one failed test that stands for a file that did not load (ParsedTest.loadFailure). */
export const LOAD_FAILURE_NAME = 'Test suite failed to run'

export type ReportFormat = 'junit' | 'ctrf' | 'jest-json' | 'go-json' | 'mocha-json'

export interface ParsedReport {
  format: ReportFormat
  /** Dialect hint for humans, e.g. "jest-junit", "surefire", "pytest". */
  dialect?: string
  tests: ParsedTest[]
}

export interface TestCase {
  /** Stable identity: file + suite path + name + ordinal (see identity.ts). */
  id: string
  tier: Tier
  file?: string
  line?: number
  /** Normalised suite path (identity.ts). */
  suite: string[]
  /** Normalised name (identity.ts). */
  name: string
  /** From 2 on: the nth case of this file with the same suite and name (test.each with one title). */
  ordinal?: number
  /** See ParsedTest.loadFailure. */
  loadFailure?: true
  attempts: Attempt[]
}

/** Final status of a test, derived from its attempts. */
export type TestStatus = 'passed' | 'failed' | 'skipped' | 'flaky'

export function testStatus(t: Pick<TestCase, 'attempts'>): TestStatus {
  const ran = t.attempts.filter((a) => a.outcome !== 'skipped')
  if (ran.length === 0) return 'skipped'
  const last = ran[ran.length - 1]!
  if (last.outcome === 'failed') return 'failed'
  return ran.some((a) => a.outcome === 'failed') ? 'flaky' : 'passed'
}

export function testDurationMs(t: Pick<TestCase, 'attempts'>): number {
  return t.attempts.reduce((sum, a) => sum + a.durationMs, 0)
}

export interface Counts {
  tests: number
  passed: number
  failed: number
  skipped: number
  flaky: number
  /** Tests that ran at least once (not skipped). */
  executed: number
}

/** Flaky tests count as passed too (they ended green): passed + failed + skipped = tests. */
export function countTests(tests: readonly Pick<TestCase, 'attempts'>[]): Counts {
  const c: Counts = { tests: 0, passed: 0, failed: 0, skipped: 0, flaky: 0, executed: 0 }
  for (const t of tests) {
    const s = testStatus(t)
    c.tests++
    if (s === 'skipped') c.skipped++
    else c.executed++
    if (s === 'failed') c.failed++
    if (s === 'passed' || s === 'flaky') c.passed++
    if (s === 'flaky') c.flaky++
  }
  return c
}

export function flakyRate(c: Counts): number {
  return c.executed === 0 ? 0 : c.flaky / c.executed
}

/**
 * Merge executions of the same test (same id) into one TestCase with all attempts in order.
 * Inputs are not modified.
 */
export function mergeTests(groups: readonly (readonly TestCase[])[]): TestCase[] {
  const byId = new Map<string, TestCase>()
  for (const group of groups) {
    for (const t of group) {
      const seen = byId.get(t.id)
      if (seen) {
        seen.attempts = [...seen.attempts, ...t.attempts]
        if (t.line !== undefined) seen.line ??= t.line
      } else {
        byId.set(t.id, { ...t, suite: [...t.suite], attempts: [...t.attempts] })
      }
    }
  }
  return [...byId.values()]
}

/**
 * The tests of one report with tier and action attempt attached: titles normalised, and the ordinal of
 * each among the cases of its file with the same full title, in report order (identity.ts).
 */
export function toTestCases(parsed: readonly ParsedTest[], tier: Tier, runAttempt: number): TestCase[] {
  const ordinals = assignOrdinals(parsed, sameTitleKey)
  return parsed.map((p, i) => {
    const suite = normalizeSuite(p.suite, p.file)
    const name = normalizeTitle(p.name)
    const ordinal = ordinals[i]!
    return {
      id: testId({ file: p.file, suite, name, ordinal }),
      tier,
      ...(p.file !== undefined ? { file: p.file } : {}),
      ...(p.line !== undefined ? { line: p.line } : {}),
      suite,
      name,
      ...(ordinal > 1 ? { ordinal } : {}),
      ...(p.loadFailure ? { loadFailure: true as const } : {}),
      attempts: p.attempts.map((a) => ({ ...a, runAttempt }))
    }
  })
}

/**
 * File and full title with the suite path flattened: "a › b › c" and "a › b c" (jest-junit packs the
 * inner describes into the name) are the same test, so ordinals agree whichever report they came from.
 */
export function sameTitleKey(t: Pick<ParsedTest, 'file' | 'suite' | 'name'>): string {
  return `${t.file ?? ''}\u0000${normalizeTitle([...normalizeSuite(t.suite, t.file), t.name].join(' '))}`
}
