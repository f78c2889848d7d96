/**
 * The tests of one attempt, and of the attempts so far.
 *
 * Several reports of one attempt (jest-junit XML and `--json`, vitest's junit and json) describe the same
 * tests: they are merged, not added, so counts equal the runner's own totals. Tests are matched by file,
 * full title (suite path flattened, as jest-junit packs it) and ordinal; per test the richer source wins
 * per field: the attempts with the most executions (retry data comes from `--json`, CTRF), the longest
 * suite path, file and line from the XML where it has them.
 *
 * Across attempts, what an attempt ran decides what it records (AttemptScope). Pure; inputs untouched.
 */
import {
  mergeTests,
  sameTitleKey,
  toTestCases,
  type Attempt,
  type ParsedReport,
  type ReportFormat,
  type TestCase,
  type Tier
} from './model.js'
import type { AttemptScope } from '../retries/retry-scope.js'

/** Whose attempts win a tie: formats that carry retry data first. */
const ATTEMPT_RANK: Record<ReportFormat, number> = {
  'jest-json': 0,
  ctrf: 1,
  'go-json': 1,
  'mocha-json': 1,
  junit: 2
}

export function testsOfAttempt(reports: readonly ParsedReport[], tier: Tier, runAttempt: number): TestCase[] {
  const sources = reports
    .map((r) => ({ format: r.format, tests: toTestCases(r.tests, tier, runAttempt) }))
    .sort((a, b) => ATTEMPT_RANK[a.format] - ATTEMPT_RANK[b.format])
  if (sources.length <= 1) return sources[0]?.tests ?? []
  const byKey = new Map<string, TestCase>()
  const out: TestCase[] = []
  for (const source of sources) {
    for (const t of source.tests) {
      const key = matchKey(t)
      const seen = byKey.get(key)
      if (!seen) {
        byKey.set(key, t)
        out.push(t)
      } else mergeInto(seen, t, source.format)
    }
  }
  return out
}

function matchKey(t: TestCase): string {
  return `${sameTitleKey(t)}\u0000${t.ordinal ?? 1}`
}

/** `into` came from a source that ranks at least as high as `from`'s. */
function mergeInto(into: TestCase, from: TestCase, fromFormat: ReportFormat): void {
  if (from.attempts.length > into.attempts.length) into.attempts = from.attempts
  else fillText(into, from.attempts)
  if (from.suite.length > into.suite.length) {
    into.suite = from.suite
    into.name = from.name
    into.id = from.id
  }
  if (fromFormat === 'junit') {
    if (from.file !== undefined) into.file = from.file
    if (from.line !== undefined) into.line = from.line
  }
  if (from.file !== undefined) into.file ??= from.file
  if (from.line !== undefined) into.line ??= from.line
  if (from.loadFailure) into.loadFailure = true
}

/**
 * A message or trace one source has for the same execution (same position, same outcome). The attempt
 * list is replaced, not modified: lists of tests that passed once are shared (model.ts toTestCases).
 */
function fillText(into: TestCase, from: readonly Attempt[]): void {
  const offset = into.attempts.length - from.length
  let filled: Attempt[] | undefined
  from.forEach((a, i) => {
    const target = (filled ?? into.attempts)[i + offset]
    if (!target || target.outcome !== a.outcome) return
    const message = target.message === undefined ? a.message : undefined
    const trace = target.trace === undefined ? a.trace : undefined
    if (message === undefined && trace === undefined) return
    filled ??= [...into.attempts]
    filled[i + offset] = {
      ...target,
      ...(message !== undefined ? { message } : {}),
      ...(trace !== undefined ? { trace } : {})
    }
  })
  if (filled) into.attempts = filled
}

/**
 * The tests after one more attempt. `all`: every test it reports gets its executions. `failed-only`:
 * only the targeted tests do (a test that ran again only because it shares a title or a file was not
 * retried), a "skipped" under a name filter is the filter's, not an attempt, and tests reported for the
 * first time (a file that loaded this time) are added. In both, a file that failed to load before, was
 * run again and is not reported failing now has loaded: its load failure gets a passed attempt (runners
 * report a file that does not load every time they run it).
 */
export function recordAttempt(
  previous: readonly TestCase[],
  current: readonly TestCase[],
  scope: AttemptScope,
  runAttempt: number
): TestCase[] {
  const recorded =
    scope.kind === 'all' ? mergeTests([previous, current]) : failedOnly(previous, current, scope)
  if (current.length === 0 || !recorded.some((t) => t.loadFailure)) return recorded
  const reported = new Set(current.map((t) => t.id))
  const ranAgain = (t: TestCase) => scope.kind === 'all' || scope.targeted.has(t.id)
  return recorded.map((t) => {
    if (!t.loadFailure || reported.has(t.id) || !ranAgain(t)) return t
    if (t.attempts[t.attempts.length - 1]?.outcome === 'passed') return t
    return { ...t, attempts: [...t.attempts, { outcome: 'passed', durationMs: 0, runAttempt }] }
  })
}

function failedOnly(
  previous: readonly TestCase[],
  current: readonly TestCase[],
  scope: Extract<AttemptScope, { kind: 'failed-only' }>
): TestCase[] {
  const known = new Set(previous.map((t) => t.id))
  const kept: TestCase[] = []
  for (const t of current) {
    const ran = scope.nameFiltered ? t.attempts.filter((a) => a.outcome !== 'skipped') : t.attempts
    if (ran.length === 0) continue
    if (known.has(t.id) ? scope.targeted.has(t.id) : true) kept.push({ ...t, attempts: ran })
  }
  return mergeTests([previous, kept])
}
