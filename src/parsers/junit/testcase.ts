/**
 * One <testcase> element being read: its attributes, and the results its children describe. Surefire's
 * <flakyFailure>/<flakyError> are failed executions before the final one; <rerunFailure>/<rerunError> are
 * failed executions after the first (failed) one.
 */
import type { ParsedTest } from '../../core/results/model.js'
import {
  bounded,
  boundedText,
  CappedText,
  firstLine,
  MESSAGE_MAX_CHARS,
  NAME_MAX_CHARS,
  TRACE_MAX_CHARS
} from '../limits.js'
import { lineFromTrace, positiveInt } from '../location.js'
import { loadFailureMessage } from '../load-failure.js'
import type { ParsedAttempt } from '../parser.js'

export type Attrs = Record<string, string>
type Draft = { message?: string; text: CappedText; durationMs: number }

/** Child elements of <testcase> that carry a result, by role (a Map: element names are untrusted). */
export const RESULT_ELEMENTS = new Map<string, 'failure' | 'skipped' | 'before' | 'after'>([
  ['failure', 'failure'],
  ['error', 'failure'],
  ['skipped', 'skipped'],
  ['disabled', 'skipped'],
  ['flakyFailure', 'before'],
  ['flakyError', 'before'],
  ['rerunFailure', 'after'],
  ['rerunError', 'after']
])

export class OpenTestCase {
  // Made when a testcase has such a result: most have none.
  private failures: Draft[] | undefined
  private before: Draft[] | undefined
  private after: Draft[] | undefined
  private skipMessage: string | undefined
  private skipped = false

  /**
   * `suite` is the full suite path (see suite-path.ts); `suiteFile` the file of the enclosing suite;
   * `zeroBasedLines` for pytest, whose `line` attribute (xunit1 family) is its 0-based item location;
   * `loadFailure` when the testcase stands for a file that did not load (dialect-titles.ts).
   */
  constructor(
    private readonly attrs: Attrs,
    private readonly suite: string[],
    private readonly suiteFile: string | undefined,
    private readonly options: { zeroBasedLines: boolean; loadFailure: boolean }
  ) {}

  /** Open a result child; returns the buffer its text (or its <stackTrace>) goes to. */
  openResult(element: string, attrs: Attrs): CappedText | null {
    const role = RESULT_ELEMENTS.get(element)
    if (role === 'skipped') {
      this.skipped = true
      this.skipMessage ??= attrs.message ? boundedText(attrs.message, MESSAGE_MAX_CHARS) : undefined
      return null
    }
    if (role === undefined) return null
    const draft: Draft = {
      ...(attrs.message ? { message: boundedText(attrs.message, MESSAGE_MAX_CHARS) } : {}),
      text: new CappedText(TRACE_MAX_CHARS),
      durationMs: seconds(attrs.time)
    }
    if (role === 'failure') (this.failures ??= []).push(draft)
    else if (role === 'before') (this.before ??= []).push(draft)
    else (this.after ??= []).push(draft)
    return draft.text
  }

  finish(): ParsedTest {
    const main = this.mainAttempt()
    const attempts =
      this.before === undefined && this.after === undefined
        ? singleAttempt(main)
        : [...(this.before ?? []).map(failedAttempt), main, ...(this.after ?? []).map(failedAttempt)]
    const file = this.attrs.file ? bounded(this.attrs.file, NAME_MAX_CHARS) : this.suiteFile
    const line =
      this.lineAttr() ?? (file === undefined ? undefined : lineFromTrace(firstTrace(attempts), file))
    // Built as one literal, then optional fields: one compact object shape for the common case (big reports).
    const test: ParsedTest = {
      suite: this.suite,
      name: bounded(this.attrs.name ?? '', NAME_MAX_CHARS),
      attempts
    }
    if (file !== undefined) test.file = file
    if (line !== undefined) test.line = line
    if (this.options.loadFailure && main.outcome === 'failed') {
      test.loadFailure = true
      const reason = main.trace !== undefined ? loadFailureMessage(main.trace) : undefined
      if (reason !== undefined) main.message = reason
    }
    return test
  }

  private lineAttr(): number | undefined {
    const v = this.attrs.line
    if (!this.options.zeroBasedLines || v === undefined || !/^\d{1,9}$/.test(v.trim())) return positiveInt(v)
    return Number(v) + 1
  }

  private mainAttempt(): ParsedAttempt {
    const durationMs = seconds(this.attrs.time)
    if (this.failures !== undefined) {
      // Several <failure>s in one testcase: one execution with several errors (or vitest's retries).
      const traces = [...new Set(this.failures.map((f) => f.text.value().trim()))].filter((t) => t.length > 0)
      const first = this.failures[0]!
      const trace = traces.length > 0 ? boundedText(traces.join('\n\n'), TRACE_MAX_CHARS) : undefined
      const message = first.message ?? (trace !== undefined ? firstLine(trace) : undefined)
      return withText({ outcome: 'failed', durationMs }, message, trace)
    }
    if (this.skipped) return withText({ outcome: 'skipped', durationMs }, this.skipMessage, undefined)
    return { outcome: 'passed', durationMs }
  }
}

/**
 * Most tests in a big report ran once and passed; their attempts differ only by duration. They share one
 * frozen `[attempt]` per duration (a flyweight: a 200 MB report holds ~400,000 tests), so reports are
 * read-only. Anything else gets its own array.
 */
const PASSED_ONCE = new Map<number, ParsedAttempt[]>()
const PASSED_ONCE_MAX = 20_000

function singleAttempt(a: ParsedAttempt): ParsedAttempt[] {
  if (a.outcome !== 'passed' || a.message !== undefined || a.trace !== undefined) return [a]
  const shared = PASSED_ONCE.get(a.durationMs)
  if (shared) return shared
  const made = Object.freeze([Object.freeze(a)]) as ParsedAttempt[]
  if (PASSED_ONCE.size < PASSED_ONCE_MAX) PASSED_ONCE.set(a.durationMs, made)
  return made
}

function firstTrace(attempts: readonly ParsedAttempt[]): string | undefined {
  for (const a of attempts) if (a.trace) return a.trace
  return undefined
}

function failedAttempt(d: Draft): ParsedAttempt {
  const text = d.text.value().trim()
  const trace = text.length > 0 ? text : undefined
  return withText({ outcome: 'failed', durationMs: d.durationMs }, d.message ?? firstLine(text), trace)
}

function withText(a: ParsedAttempt, message: string | undefined, trace: string | undefined): ParsedAttempt {
  if (message !== undefined) a.message = message
  if (trace !== undefined) a.trace = trace
  return a
}

/** JUnit times are seconds (some tools write "1,234.5" or nothing); anything unreadable is 0. */
export function seconds(v: string | undefined): number {
  if (v === undefined) return 0
  const n = Number(v.includes(',') ? v.replace(/,/g, '') : v)
  return Number.isFinite(n) && n > 0 ? Math.round(n * 1000 * 1000) / 1000 : 0
}
