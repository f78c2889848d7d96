/**
 * mocha's json reporter: `tests[]` in run order, each with its full title, file, duration, the error of
 * a failure and `currentRetry` (how many times `this.retries(n)` re-ran it), plus `pending[]` for the
 * skipped ones. A test re-run k times failed k times before its result. mocha stops the whole run when a
 * file does not load, so such a file never reaches this report (the output says why).
 */
import type { AttemptOutcome, ParsedTest } from '../../core/results/model.js'
import {
  bounded,
  boundedText,
  firstLine,
  MESSAGE_MAX_CHARS,
  NAME_MAX_CHARS,
  TRACE_MAX_CHARS
} from '../limits.js'
import type { ParsedAttempt, ReportParser } from '../parser.js'
import { ReportError } from '../report-error.js'
import { asArray, asMs, asNumber, asObject, asString, readJson } from './read-json.js'

export const mochaJsonParser: ReportParser = {
  format: 'mocha-json',
  claims: (head) =>
    head.startsWith('{') && /"stats"\s*:\s*\{/.test(head) && /"(passes|pending|suites)"\s*:/.test(head),
  async parse(file, sniffed) {
    const doc = asObject(await readJson(file, sniffed))
    if (!doc || !Array.isArray(doc.tests)) {
      throw new ReportError('it looks like mocha json output but has no tests array')
    }
    const pending = new Map<string, number>()
    for (const p of asArray(doc.pending).map(asObject)) {
      if (p) pending.set(key(p), (pending.get(key(p)) ?? 0) + 1)
    }
    const tests: ParsedTest[] = []
    for (const raw of doc.tests) {
      const t = asObject(raw)
      if (!t) continue
      const k = key(t)
      const skipped = (pending.get(k) ?? 0) > 0
      if (skipped) pending.set(k, pending.get(k)! - 1)
      tests.push(toTest(t, skipped))
    }
    return { format: 'mocha-json', tests }
  }
}

function key(t: Record<string, unknown>): string {
  return `${asString(t.file) ?? ''}\u0000${asString(t.fullTitle) ?? ''}`
}

function toTest(t: Record<string, unknown>, skipped: boolean): ParsedTest {
  const title = asString(t.title) ?? ''
  const full = asString(t.fullTitle) ?? title
  // The describe titles are joined with spaces in fullTitle: they stay one suite entry.
  const suite =
    full.length > title.length && full.endsWith(` ${title}`) ? [full.slice(0, -title.length - 1)] : []
  const err = asObject(t.err)
  const failed =
    !skipped &&
    err !== undefined &&
    (asString(err.message) !== undefined || asString(err.stack) !== undefined)
  const outcome: AttemptOutcome = skipped ? 'skipped' : failed ? 'failed' : 'passed'
  const retries = Math.min(Math.max(0, Math.floor(asNumber(t.currentRetry) ?? 0)), 1000)
  const final: ParsedAttempt = { outcome, durationMs: asMs(t.duration) }
  if (failed) {
    const stack = asString(err!.stack)
    const message = asString(err!.message) ?? (stack !== undefined ? firstLine(stack) : undefined)
    if (message !== undefined) final.message = boundedText(firstLine(message) ?? message, MESSAGE_MAX_CHARS)
    if (stack !== undefined) final.trace = boundedText(stack, TRACE_MAX_CHARS)
  }
  const earlier = Array.from({ length: retries }, (): ParsedAttempt => ({ outcome: 'failed', durationMs: 0 }))
  const file = asString(t.file)
  return {
    ...(file ? { file: bounded(file, NAME_MAX_CHARS) } : {}),
    suite: suite.map((s) => bounded(s, NAME_MAX_CHARS)),
    name: bounded(title, NAME_MAX_CHARS),
    attempts: [...earlier, final]
  }
}
