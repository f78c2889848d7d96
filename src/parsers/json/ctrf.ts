/**
 * CTRF JSON (results.tests[]). Retries: `retryAttempts` when the tool lists them, else `retries` earlier
 * executions that failed (a retry only follows a failure) before the reported one; `flaky` needs no extra
 * handling, it follows from those attempts. `extra` is free-form and ignored.
 */
import type { AttemptOutcome, ParsedTest } from '../../core/results/model.js'
import { bounded, boundedText, MESSAGE_MAX_CHARS, NAME_MAX_CHARS, TRACE_MAX_CHARS } from '../limits.js'
import { lineFromTrace, positiveInt } from '../location.js'
import type { ParsedAttempt, ReportParser } from '../parser.js'
import { ReportError } from '../report-error.js'
import { asArray, asMs, asNumber, asObject, asString, readJson } from './read-json.js'

export const ctrfParser: ReportParser = {
  format: 'ctrf',
  claims: (head) => head.startsWith('{') && /"reportFormat"\s*:\s*"CTRF"|"results"\s*:\s*\{/.test(head),
  async parse(file, sniffed) {
    const results = asObject(asObject(await readJson(file, sniffed))?.results)
    if (!results || !Array.isArray(results.tests)) {
      throw new ReportError(
        'it looks like CTRF but has no results.tests array; check the reporter that wrote it'
      )
    }
    const tests: ParsedTest[] = []
    for (const raw of results.tests) {
      const t = asObject(raw)
      if (t) tests.push(toTest(t))
    }
    const tool = asString(asObject(results.tool)?.name)
    return { format: 'ctrf', ...(tool ? { dialect: bounded(tool, 64) } : {}), tests: tests }
  }
}

function toTest(t: Record<string, unknown>): ParsedTest {
  const file = asString(t.filePath)
  const final = attempt(t)
  const listed = asArray(t.retryAttempts)
    .map(asObject)
    .filter((a): a is Record<string, unknown> => a !== undefined)
    .sort((a, b) => (asNumber(a.attempt) ?? 0) - (asNumber(b.attempt) ?? 0))
    .map(attempt)
  // `flaky: true` on a passed test with no retry count still means it failed before it passed.
  const flakyPass = t.flaky === true && final.outcome === 'passed' ? 1 : 0
  const retries = Math.min(Math.max(flakyPass, Math.floor(asNumber(t.retries) ?? 0)), 1000)
  let attempts: ParsedAttempt[]
  if (listed.length > 0) attempts = listed.length === retries + 1 ? listed : [...listed, final]
  else
    attempts = [
      ...Array.from({ length: retries }, (): ParsedAttempt => ({ outcome: 'failed', durationMs: 0 })),
      final
    ]
  const line = positiveInt(t.line) ?? lineFromTrace(attempts.find((a) => a.trace)?.trace, file)
  return {
    ...(file ? { file: bounded(file, NAME_MAX_CHARS) } : {}),
    ...(line !== undefined ? { line } : {}),
    suite: suitePath(t.suite),
    name: bounded(asString(t.name) ?? '', NAME_MAX_CHARS),
    attempts
  }
}

function attempt(a: Record<string, unknown>): ParsedAttempt {
  const out: ParsedAttempt = { outcome: outcome(asString(a.status)), durationMs: asMs(a.duration) }
  const message = asString(a.message)
  const trace = asString(a.trace)
  if (message) out.message = boundedText(message, MESSAGE_MAX_CHARS)
  if (trace) out.trace = boundedText(trace, TRACE_MAX_CHARS)
  return out
}

function outcome(status: string | undefined): AttemptOutcome {
  if (status === 'passed') return 'passed'
  if (status === 'failed') return 'failed'
  return 'skipped' // skipped, pending, other
}

/** `suite` is an array in current CTRF, a single string in older reports. */
function suitePath(v: unknown): string[] {
  if (typeof v === 'string') return v ? [bounded(v, NAME_MAX_CHARS)] : []
  return asArray(v)
    .filter((s): s is string => typeof s === 'string')
    .map((s) => bounded(s, NAME_MAX_CHARS))
}
