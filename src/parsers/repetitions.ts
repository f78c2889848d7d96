/**
 * Repeated entries of one test in one report. Most runners let several cases share a title (`test.each`,
 * a loop of `it`): those are distinct tests, told apart later by their ordinal (core/results/identity.ts),
 * so parsers keep every entry. Runners whose names are unique by construction write a repeated entry only
 * for another execution of the same test, so there the repeats are its attempts, in report order:
 * - pytest (node ids are unique): pytest-rerunfailures 16.6.1 writes one record per execution; it re-runs
 *   only after a failure, so an earlier record without a result is a failed execution whose detail the
 *   plugin dropped;
 * - go test (test names are unique per package): `-count=N` repetitions;
 * - Playwright (it refuses duplicate titles in a file and project): `--repeat-each`;
 * - XCTest methods (`testSomething` in `Module.Class`): Xcode's test repetitions and retries.
 */
import type { ParsedTest } from '../core/results/model.js'

export type RepeatRule = 'distinct' | 'executions' | 'reruns'

const XCTEST_NAME = /^test[A-Za-z0-9_]*(\(\))?$/

/** The rule for a JUnit dialect; for an unknown one, decided per test by the XCTest naming convention. */
export function junitRepeatRule(dialect: string | undefined): RepeatRule | 'xctest-names' {
  if (dialect === 'pytest') return 'reruns'
  if (dialect === 'go-junit-report' || dialect === 'playwright') return 'executions'
  return dialect === undefined ? 'xctest-names' : 'distinct'
}

/**
 * Folds repeated entries (same file, suite path and name) into one test per `rule`. Tests stay in the
 * order of their first entry. `distinct` returns the list as it is.
 */
export function foldRepetitions(tests: ParsedTest[], rule: RepeatRule | 'xctest-names'): ParsedTest[] {
  if (rule === 'distinct') return tests
  const first = new Map<string, ParsedTest>()
  const out: ParsedTest[] = []
  for (const t of tests) {
    const folds = rule !== 'xctest-names' || XCTEST_NAME.test(t.name)
    const key = folds ? [t.file ?? '', ...t.suite, t.name].join('\u0000') : undefined
    const seen = key === undefined ? undefined : first.get(key)
    if (!seen) {
      if (key !== undefined) first.set(key, t)
      out.push(t)
      continue
    }
    // New arrays: attempt arrays may be shared and frozen (see junit/testcase.ts).
    const earlier = rule === 'reruns' ? seen.attempts.map(asRerun) : seen.attempts
    seen.attempts = [...earlier, ...t.attempts]
    if (seen.line === undefined && t.line !== undefined) seen.line = t.line
  }
  return out
}

function asRerun(a: ParsedTest['attempts'][number]): ParsedTest['attempts'][number] {
  if (a.outcome === 'failed') return a
  return {
    outcome: 'failed',
    durationMs: a.durationMs,
    message: 'failed, then re-run by pytest-rerunfailures (the report keeps no detail of this execution)'
  }
}
