/**
 * Jest's `--json` output: testResults[] (one per file) with assertionResults[]. `invocations` counts the
 * executions of a test and `retryReasons` holds the failures that caused each retry, so a test run
 * three times is three attempts: the retried failures, then the reported result.
 */
import type { AttemptOutcome, ParsedReport, ParsedTest } from '../../core/results/model.js'
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
import { TestCollector } from '../collect.js'
import { asArray, asMs, asNumber, asObject, asString, readJson } from './read-json.js'

export const jestJsonParser: ReportParser = {
  format: 'jest-json',
  claims: (head) => head.startsWith('{') && /"(numTotalTests|testResults)"\s*:/.test(head),
  async parse(file, sniffed) {
    const doc = asObject(await readJson(file, sniffed))
    if (!doc || !Array.isArray(doc.testResults)) {
      throw new ReportError('it looks like Jest --json output but has no testResults array')
    }
    const collector = new TestCollector()
    for (const raw of doc.testResults) {
      const suite = asObject(raw)
      if (suite) for (const t of fileTests(suite)) collector.add(t)
    }
    return { format: 'jest-json', tests: collector.tests() } satisfies ParsedReport
  }
}

function fileTests(suite: Record<string, unknown>): ParsedTest[] {
  const file = asString(suite.name)
  const boundedFile = file ? bounded(file, NAME_MAX_CHARS) : undefined
  const assertions = asArray(suite.assertionResults)
  const message = asString(suite.message)
  if (assertions.length === 0 && asString(suite.status) === 'failed' && message) {
    // The file did not run (syntax error, failing import): jest reports it by file, so do we.
    const trace = boundedText(message, TRACE_MAX_CHARS)
    const attempt: ParsedAttempt = {
      outcome: 'failed',
      durationMs: 0,
      trace,
      message: firstLine(message) ?? ''
    }
    return [
      {
        ...(boundedFile ? { file: boundedFile } : {}),
        suite: [],
        name: 'Test suite failed to run',
        attempts: [attempt]
      }
    ]
  }
  return assertions
    .map(asObject)
    .filter((a): a is Record<string, unknown> => a !== undefined)
    .map((a) => toTest(a, boundedFile))
}

function toTest(a: Record<string, unknown>, file: string | undefined): ParsedTest {
  const failures = asArray(a.failureMessages).filter((m): m is string => typeof m === 'string')
  const reasons = asArray(a.retryReasons).filter((m): m is string => typeof m === 'string')
  const invocations = Math.min(Math.max(1, Math.floor(asNumber(a.invocations) ?? 1)), 1000)
  const earlier = Array.from({ length: Math.max(invocations - 1, reasons.length) }, (_, i) =>
    failed(reasons[i], 0)
  )
  const outcome = statusOf(asString(a.status))
  const final: ParsedAttempt =
    outcome === 'failed'
      ? failed(failures.join('\n\n'), asMs(a.duration))
      : { outcome, durationMs: asMs(a.duration) }
  const attempts = [...earlier, final]
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
  if (s === 'failed') return 'failed'
  return 'skipped' // pending, skipped, todo, disabled
}
