import { DistinctIdProof, hasDistinctIds, withDistinctIds } from './distinct-ids.js'
import { normalizeSuite, normalizeTitle, ordinalSuffix, testIdPrefix } from './identity.js'
import { Ordinals } from './ordinals.js'

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
  // Called for every test by every count: a loop, no intermediate lists.
  const attempts = t.attempts
  if (attempts.length === 1) return attempts[0]!.outcome
  let last: AttemptOutcome | undefined
  let failedBefore = false
  for (const a of attempts) {
    if (a.outcome === 'skipped') continue
    if (last === 'failed') failedBefore = true
    last = a.outcome
  }
  if (last === undefined) return 'skipped'
  if (last === 'failed') return 'failed'
  return failedBefore ? 'flaky' : 'passed'
}

export function testDurationMs(t: Pick<TestCase, 'attempts'>): number {
  let sum = 0
  for (const a of t.attempts) sum += a.durationMs
  return sum
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

export function noTests(): Counts {
  return { tests: 0, passed: 0, failed: 0, skipped: 0, flaky: 0, executed: 0 }
}

/** Flaky tests count as passed too (they ended green): passed + failed + skipped = tests. */
export function countTests(tests: readonly Pick<TestCase, 'attempts'>[]): Counts {
  const c = noTests()
  for (const t of tests) countStatus(c, testStatus(t))
  return c
}

/** Counts one more test of status `s` into `c`. */
export function countStatus(c: Counts, s: TestStatus): void {
  c.tests++
  if (s === 'skipped') c.skipped++
  else c.executed++
  if (s === 'failed') c.failed++
  if (s === 'passed' || s === 'flaky') c.passed++
  if (s === 'flaky') c.flaky++
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    tests: a.tests + b.tests,
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    flaky: a.flaky + b.flaky,
    executed: a.executed + b.executed
  }
}

export function flakyRate(c: Counts): number {
  return c.executed === 0 ? 0 : c.flaky / c.executed
}

/**
 * Merge executions of the same test (same id) into one TestCase with all attempts in order. Inputs are
 * not modified; a test that occurs once is passed on as it is, so treat the result as read-only.
 */
export function mergeTests(groups: readonly (readonly TestCase[])[]): TestCase[] {
  // An attempt's tests on their own (the first attempt): ids are distinct but for rare collisions.
  const present = groups.filter((g) => g.length > 0)
  if (present.length === 1 && hasDistinctIds(present[0]!)) return withDistinctIds(present[0]!.slice())
  const byId = new Map<string, TestCase>()
  /** The merged copies made so far (the others are inputs, never modified). */
  const copies = new Set<TestCase>()
  for (const group of groups) {
    for (const t of group) {
      const seen = byId.get(t.id)
      if (!seen) {
        byId.set(t.id, t)
        continue
      }
      const merged = copies.has(seen) ? seen : { ...seen }
      merged.attempts = [...seen.attempts, ...t.attempts]
      if (t.line !== undefined) merged.line ??= t.line
      if (merged !== seen) {
        copies.add(merged)
        byId.set(t.id, merged)
      }
    }
  }
  return withDistinctIds([...byId.values()])
}

/**
 * The tests of one report with tier and action attempt attached: titles normalised, and the ordinal of
 * each among the cases of its file with the same full title, in report order (identity.ts). One pass;
 * names and suite paths that need no normalising are shared with the report, and so are the attempts of
 * tests that passed once (see PassedOnce): treat the result as read-only.
 */
export function toTestCases(parsed: readonly ParsedTest[], tier: Tier, runAttempt: number): TestCase[] {
  const ordinals = new Ordinals()
  const passedOnce = new PassedOnce(runAttempt)
  const prefixes = new SuitePrefixes()
  const proof = new DistinctIdProof()
  const out: TestCase[] = new Array<TestCase>(parsed.length)
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!
    const file = trimmedFile(p.file)
    const suite = normalizeSuite(p.suite, file)
    const name = normalizeTitle(p.name)
    const prefix = prefixes.of(file, suite)
    // titleKey and normalizedTestId, from the suite's prefixes where they apply (see SuitePrefixes).
    const ordinal =
      name === '' ? ordinals.next(titleKey(file, suite, name), '') : ordinals.next(prefix.key, name)
    const id = prefix.id + name + ordinalSuffix(ordinal)
    proof.see(prefix, name)
    // Fields in one order, optional ones only when set: one object shape for the common case.
    const t = { id, tier } as TestCase
    if (p.file !== undefined) t.file = p.file
    if (p.line !== undefined) t.line = p.line
    t.suite = suite as string[]
    t.name = name
    if (ordinal > 1) t.ordinal = ordinal
    if (p.loadFailure) t.loadFailure = true
    t.attempts = passedOnce.attempts(p.attempts)
    out[i] = t
  }
  return proof.holds ? withDistinctIds(out) : out
}

/**
 * The starts of the ids and title keys of one suite's tests, made once per run of tests that share a
 * file and a suite path (reports list a suite's tests together, and parsers share its path): an id is
 * then its suite's prefix joined to its name, both strings the run holds anyway (identity.ts
 * testIdPrefix). For a name that is not empty, titleKey(file, suite, name) is `key + name`: the
 * normalised suite titles and name joined by single spaces are already normalised.
 */
class SuitePrefixes {
  private file: string | undefined
  private suite: readonly string[] | undefined
  private last = { id: '', key: '' }

  of(file: string, suite: readonly string[]): { id: string; key: string } {
    if (file !== this.file || suite !== this.suite) {
      this.file = file
      this.suite = suite
      this.last = {
        id: testIdPrefix(file, suite),
        key: `${file}\u0000${suite.length === 0 ? '' : `${suite.join(' ')} `}`
      }
    }
    return this.last
  }
}

/**
 * Most tests ran once and passed, and differ only by duration: they share one frozen attempt list per
 * duration (a flyweight, as the JUnit parser's), the rest get their own. At most MAX_SHARED lists.
 */
class PassedOnce {
  private static readonly MAX_SHARED = 20_000
  private readonly shared = new Map<number, Attempt[]>()

  constructor(private readonly runAttempt: number) {}

  attempts(parsed: ParsedTest['attempts']): Attempt[] {
    const only = parsed.length === 1 ? parsed[0]! : undefined
    if (!only || only.outcome !== 'passed' || only.message !== undefined || only.trace !== undefined) {
      return parsed.map((a) => ({ ...a, runAttempt: this.runAttempt }))
    }
    const known = this.shared.get(only.durationMs)
    if (known) return known
    const made = Object.freeze([
      Object.freeze({ outcome: 'passed' as const, durationMs: only.durationMs, runAttempt: this.runAttempt })
    ]) as Attempt[]
    if (this.shared.size < PassedOnce.MAX_SHARED) this.shared.set(only.durationMs, made)
    return made
  }
}

/**
 * File and full title with the suite path flattened: "a › b › c" and "a › b c" (jest-junit packs the
 * inner describes into the name) are the same test, so ordinals agree whichever report they came from.
 */
export function sameTitleKey(t: Pick<ParsedTest, 'file' | 'suite' | 'name'>): string {
  const file = trimmedFile(t.file)
  return titleKey(file, normalizeSuite(t.suite, file), normalizeTitle(t.name))
}

/**
 * The file as ids name it. Keys and ids are built from the same parts, so tests with one id have one
 * key: the ids of one attempt's tests are distinct.
 */
function trimmedFile(file: string | undefined): string {
  return file === undefined ? '' : file.trim()
}

/** sameTitleKey of a trimmed file, a normalised suite path and name. */
function titleKey(file: string, suite: readonly string[], name: string): string {
  const title = suite.length === 0 ? name : normalizeTitle(`${suite.join(' ')} ${name}`)
  return `${file}\u0000${title}`
}
