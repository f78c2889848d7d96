/**
 * Jest's `--json` output, and vitest's json reporter (the same shape): testResults[] (one per file) with
 * assertionResults[]. Retries:
 * - jest: `invocations` counts the executions of a test and `retryReasons` holds the failures that caused
 *   each retry, so a test run three times is three attempts: the retried failures, then the result;
 * - vitest: every failed execution leaves its message in `failureMessages`, so a passed test with one
 *   message failed once and then passed; a failed test with three failed three times.
 * A file that did not load is one failed test of that file (jest 30 writes it as an assertion result
 * with status "error", jest 29 and vitest as a failed file without assertions).
 */
import {
  LOAD_FAILURE_NAME,
  type AttemptOutcome,
  type ParsedReport,
  type ParsedTest
} from '../../core/results/model.js'
import {
  bounded,
  boundedText,
  firstLine,
  MESSAGE_MAX_CHARS,
  NAME_MAX_CHARS,
  TRACE_MAX_CHARS
} from '../limits.js'
import { lineFromTrace, positiveInt } from '../location.js'
import type { ParsedAttempt, ReportParser } from '../parser.js'
import { ReportError } from '../report-error.js'
import { loadFailureMessage } from '../load-failure.js'
import { asArray, asMs, asNumber, asObject, asString, readJson } from './read-json.js'

export const jestJsonParser: ReportParser = {
  format: 'jest-json',
  claims: (head) => head.startsWith('{') && /"(numTotalTests|testResults)"\s*:/.test(head),
  async parse(file, sniffed) {
    const doc = asObject(await readJson(file, sniffed))
    if (!doc || !Array.isArray(doc.testResults)) {
      throw new ReportError('it looks like Jest --json output but has no testResults array')
    }
    const vitest = isVitest(doc)
    const tests: ParsedTest[] = []
    for (const raw of doc.testResults) {
      const suite = asObject(raw)
      if (suite) for (const t of fileTests(suite, vitest)) tests.push(t)
    }
    return {
      format: 'jest-json',
      ...(vitest ? { dialect: 'vitest' } : {}),
      tests
    } satisfies ParsedReport
  }
}

/** vitest writes `meta` on every assertion result and none of jest's run-level error counters. */
function isVitest(doc: Record<string, unknown>): boolean {
  if ('numRuntimeErrorTestSuites' in doc || 'wasInterrupted' in doc) return false
  const first = asObject(asArray(asObject(asArray(doc.testResults)[0])?.assertionResults)[0])
  return first !== undefined && 'meta' in first
}

function fileTests(suite: Record<string, unknown>, vitest: boolean): ParsedTest[] {
  const file = asString(suite.name)
  const boundedFile = file ? bounded(file, NAME_MAX_CHARS) : undefined
  const assertions = asArray(suite.assertionResults)
    .map(asObject)
    .filter((a): a is Record<string, unknown> => a !== undefined)
  const message = asString(suite.message)
  const loadError = assertions.find((a) => asString(a.status) === 'error' && a.title === undefined)
  if (loadError || (assertions.length === 0 && asString(suite.status) === 'failed' && message)) {
    const text = message || asArray(loadError?.failureMessages).filter((m) => typeof m === 'string')[0]
    return [loadFailure(boundedFile, typeof text === 'string' ? text : '')]
  }
  return assertions.map((a) => toTest(a, boundedFile, vitest))
}

/** The file did not run (syntax error, failing import): the runner reports it by file, so do we. */
function loadFailure(file: string | undefined, message: string): ParsedTest {
  const reason = loadFailureMessage(message)
  const attempt: ParsedAttempt = { outcome: 'failed', durationMs: 0, message: reason ?? LOAD_FAILURE_NAME }
  if (message) attempt.trace = boundedText(message, TRACE_MAX_CHARS)
  return {
    ...(file ? { file } : {}),
    suite: [],
    name: LOAD_FAILURE_NAME,
    attempts: [attempt],
    loadFailure: true
  }
}

function toTest(a: Record<string, unknown>, file: string | undefined, vitest: boolean): ParsedTest {
  const failures = asArray(a.failureMessages).filter((m): m is string => typeof m === 'string')
  const outcome = statusOf(asString(a.status))
  const durationMs = asMs(a.duration)
  const attempts = vitest
    ? vitestAttempts(failures, outcome, durationMs)
    : jestAttempts(a, failures, outcome, durationMs)
  const location = asObject(a.location)
  const line = positiveInt(location?.line) ?? lineFromTrace(attempts.find((x) => x.trace)?.trace, file)
  return {
    ...(file ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
    suite: asArray(a.ancestorTitles)
      .filter((s): s is string => typeof s === 'string')
      .map((s) => bounded(s, NAME_MAX_CHARS)),
    name: bounded(asString(a.title) ?? asString(a.fullName) ?? '', NAME_MAX_CHARS),
    attempts
  }
}

function jestAttempts(
  a: Record<string, unknown>,
  failures: string[],
  outcome: AttemptOutcome,
  durationMs: number
): ParsedAttempt[] {
  const reasons = asArray(a.retryReasons).filter((m): m is string => typeof m === 'string')
  const invocations = Math.min(Math.max(1, Math.floor(asNumber(a.invocations) ?? 1)), 1000)
  const earlier = Array.from({ length: Math.max(invocations - 1, reasons.length) }, (_, i) =>
    failed(reasons[i], 0)
  )
  const final: ParsedAttempt =
    outcome === 'failed' ? failed(failures.join('\n\n'), durationMs) : { outcome, durationMs }
  return [...earlier, final]
}

function vitestAttempts(failures: string[], outcome: AttemptOutcome, durationMs: number): ParsedAttempt[] {
  const fails = failures.slice(0, 1000).map((m) => failed(m, 0))
  if (outcome !== 'failed') return [...fails, { outcome, durationMs }]
  if (fails.length === 0) return [failed(undefined, durationMs)]
  fails[fails.length - 1]!.durationMs = durationMs
  return fails
}

function failed(text: string | undefined, durationMs: number): ParsedAttempt {
  const a: ParsedAttempt = { outcome: 'failed', durationMs }
  if (text) {
    a.trace = boundedText(text, TRACE_MAX_CHARS)
    const m = firstLine(text)
    if (m) a.message = boundedText(m, MESSAGE_MAX_CHARS)
  }
  return a
}

function statusOf(s: string | undefined): AttemptOutcome {
  if (s === 'passed' || s === 'focused') return 'passed'
  if (s === 'failed' || s === 'error') return 'failed'
  return 'skipped' // pending, skipped, todo, disabled
}
