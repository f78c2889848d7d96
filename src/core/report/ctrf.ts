/**
 * The CTRF report (Common Test Report Format, spec 0.0.0 as shipped in the `ctrf` package): one test per
 * TestCase with its final status, flaky flag, retries and attempts. What CTRF has no field for (tier,
 * action attempts, command attempts, phases, notes, facts, costs, stacks, the run context) goes in
 * `extra`, so `fromCtrf` (ctrf-read.ts) can restore a report that renders the same. Pure.
 */
import { runUrl } from '../context.js'
import { testDurationMs, testStatus, type Attempt, type TestCase } from '../results/model.js'
import type { RunReport } from '../results/report.js'
import { tiersInOrder, type TierRun } from '../results/run.js'
import { shortRef } from './labels.js'
import { failureExcerpt } from './excerpt.js'
import { reportView, type ReportView } from './view.js'

export const CTRF_SPEC_VERSION = '0.0.0'
/** Version of what this action stores in `extra`; fromCtrf refuses versions it does not know. */
export const PYRAMID_EXTRA_VERSION = 3

export type CtrfStatus = 'passed' | 'failed' | 'skipped' | 'pending' | 'other'

export interface CtrfRetryAttempt {
  attempt: number
  status: CtrfStatus
  duration?: number
  message?: string
  trace?: string
  extra?: { runAttempt: number }
}

export type StoredAttempt = Pick<Attempt, 'outcome' | 'durationMs' | 'runAttempt'>

export interface CtrfTestExtra {
  tier: TestCase['tier']
  /**
   * Every execution in order, without messages: those are in `retryAttempts[i]` for the earlier ones
   * and in the test's own `message`/`trace` for the last, so a long message is stored once.
   */
  attempts: StoredAttempt[]
  /** The action attempts (PYRAMID_ATTEMPT) this test ran in, ascending. */
  runAttempts: number[]
  /** The original name when it was empty (CTRF requires a non-empty name). */
  name?: string
  /** TestCase.ordinal: the nth case of the file with this suite and name. */
  ordinal?: number
  /** TestCase.loadFailure. */
  loadFailure?: true
}

export interface CtrfTest {
  testId?: string
  name: string
  status: CtrfStatus
  duration: number
  flaky?: boolean
  retries?: number
  retryAttempts?: CtrfRetryAttempt[]
  filePath?: string
  line?: number
  suite?: string[]
  message?: string
  trace?: string
  type?: string
  extra?: CtrfTestExtra
}

/** A tier without its tests: what CTRF has no place for. */
export type StoredTier = Omit<TierRun, 'tests'>

/** The run's own fields (Pick keeps which are optional), beside the format version and the stored tiers. */
export interface PyramidExtra extends Pick<
  RunReport,
  | 'context'
  | 'plan'
  | 'failOnFlaky'
  | 'runnerPricePerMinute'
  | 'startedAt'
  | 'finishedAt'
  | 'costLines'
  | 'stacks'
  | 'commentNote'
  | 'origin'
> {
  version: number
  tiers: StoredTier[]
}

export interface CtrfDocument {
  reportFormat: 'CTRF'
  specVersion: string
  runId?: string
  timestamp?: string
  generatedBy?: string
  results: {
    tool: { name: string; version?: string }
    summary: {
      tests: number
      passed: number
      failed: number
      skipped: number
      pending: number
      other: number
      flaky: number
      start: number
      stop: number
      duration: number
    }
    tests: CtrfTest[]
    environment?: {
      repositoryName?: string
      repositoryUrl?: string
      commit?: string
      branchName?: string
      buildId?: string
      buildName?: string
      buildUrl?: string
      extra?: { eventName: string; runAttempt: number; ref: string }
    }
    extra: { pyramid: PyramidExtra }
  }
}

const UNNAMED = '(unnamed test)'

export function toCtrf(
  report: RunReport,
  tool: { name: string; version: string },
  view: ReportView = reportView(report)
): CtrfDocument {
  const doc = ctrfFrame(report, tool, view)
  doc.results.tests = tiersInOrder(report.tiers).flatMap((t) => t.tests.map(ctrfTest))
  return doc
}

/** Stands for the tests in the frame's JSON text, where ctrfJson puts them. */
const TESTS_MARK = '\u0000tests\u0000'

/** About how long a piece of ctrfJson is. */
const BATCH_CHARS = 16 * 1024

/**
 * The CTRF report as JSON text in pieces of a few tests each, the frame around them in the first and the
 * last, so a report of any size is written without its document or its text ever being held whole. The pieces joined are `JSON.stringify(toCtrf(report, tool, view))`.
 */
export function* ctrfJson(
  report: RunReport,
  tool: { name: string; version: string },
  view: ReportView = reportView(report)
): Generator<string> {
  const frame = ctrfFrame(report, tool, view)
  const marked = { ...frame, results: { ...frame.results, tests: TESTS_MARK } }
  // Its first occurrence is ours: only the tool and the counts come before the tests.
  const text = JSON.stringify(marked)
  const mark = JSON.stringify(TESTS_MARK)
  const at = text.indexOf(mark)
  const writer = new CtrfTestWriter()
  // Tests are joined into pieces of about BATCH_CHARS: one short string per test would cost a yield
  // and a copy into the writer's buffer each.
  let batch = `${text.slice(0, at)}[`
  let first = true
  for (const tier of tiersInOrder(report.tiers)) {
    for (const t of tier.tests) {
      batch += (first ? '' : ',') + writer.json(t)
      first = false
      if (batch.length >= BATCH_CHARS) {
        yield batch
        batch = ''
      }
    }
  }
  yield `${batch}]${text.slice(at + mark.length)}`
}

/** The document without its tests. */
function ctrfFrame(
  report: RunReport,
  tool: { name: string; version: string },
  view: ReportView
): CtrfDocument {
  const c = view.counts
  const start = epochMs(report.startedAt)
  const stop = Math.max(start, epochMs(report.finishedAt))
  const ctx = report.context
  return {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    ...(ctx.runId ? { runId: `${ctx.runId}` } : {}),
    ...(Number.isFinite(Date.parse(report.finishedAt)) ? { timestamp: report.finishedAt } : {}),
    generatedBy: `${tool.name} ${tool.version}`,
    results: {
      tool: { name: tool.name, version: tool.version },
      summary: {
        tests: c.tests,
        passed: c.passed,
        failed: c.failed,
        skipped: c.skipped,
        pending: 0,
        other: 0,
        flaky: c.flaky,
        start,
        stop,
        duration: stop - start
      },
      tests: [],
      environment: environment(report),
      extra: { pyramid: pyramidExtra(report, tiersInOrder(report.tiers)) }
    }
  }
}

function epochMs(iso: string): number {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? ms : 0
}

function environment(report: RunReport): NonNullable<CtrfDocument['results']['environment']> {
  const ctx = report.context
  const has = (s: string) => s !== ''
  return {
    ...(has(ctx.repository) ? { repositoryName: ctx.repository } : {}),
    ...(has(ctx.repository) && has(ctx.serverUrl)
      ? { repositoryUrl: `${ctx.serverUrl}/${ctx.repository}` }
      : {}),
    ...(has(ctx.sha) ? { commit: ctx.sha } : {}),
    ...(has(ctx.ref) ? { branchName: shortRef(ctx.ref) } : {}),
    ...(has(ctx.runId) ? { buildId: ctx.runId } : {}),
    ...(has(ctx.job) ? { buildName: ctx.job } : {}),
    ...(has(ctx.runId) && has(ctx.serverUrl) && has(ctx.repository) ? { buildUrl: runUrl(ctx) } : {}),
    extra: { eventName: ctx.eventName, runAttempt: ctx.runAttempt, ref: ctx.ref }
  }
}

function pyramidExtra(report: RunReport, tiers: readonly TierRun[]): PyramidExtra {
  return {
    version: PYRAMID_EXTRA_VERSION,
    context: { ...report.context },
    plan: report.plan,
    failOnFlaky: report.failOnFlaky,
    runnerPricePerMinute: report.runnerPricePerMinute,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    tiers: tiers.map(({ tests: _tests, ...rest }) => rest),
    costLines: report.costLines,
    ...(report.stacks !== undefined ? { stacks: report.stacks } : {}),
    ...(report.commentNote !== undefined ? { commentNote: report.commentNote } : {}),
    ...(report.origin !== undefined ? { origin: report.origin } : {})
  }
}

/**
 * One test. Called for every test of the run: fields are set one by one (in the order JSON readers
 * see them), without intermediate objects, and the suite path is shared with the test (read-only).
 */
function ctrfTest(t: TestCase): CtrfTest {
  const status = testStatus(t)
  const attempts = t.attempts
  const last = attempts[attempts.length - 1]
  const retries = Math.max(0, attempts.length - 1)
  const out: CtrfTest = {
    testId: t.id === '' ? UNNAMED : unflattened(t.id),
    name: t.name === '' ? UNNAMED : t.name,
    status: status === 'flaky' ? 'passed' : status,
    duration: Math.round(testDurationMs(t))
  }
  if (status === 'flaky') out.flaky = true
  out.retries = retries
  if (retries > 0) out.retryAttempts = attempts.slice(0, -1).map(retryAttempt)
  if (t.file !== undefined) out.filePath = t.file
  if (t.line !== undefined) out.line = t.line
  if (t.suite.length > 0) out.suite = t.suite
  if (last?.message !== undefined || last?.trace !== undefined) {
    const message = ctrfMessage(last)
    if (message !== undefined) out.message = message
  }
  if (last?.trace !== undefined) out.trace = last.trace
  out.type = t.tier
  const extra: CtrfTestExtra = {
    tier: t.tier,
    attempts: attempts.map((a) => ({
      outcome: a.outcome,
      durationMs: a.durationMs,
      runAttempt: a.runAttempt
    })),
    runAttempts: runAttemptsOf(attempts)
  }
  if (t.name === '') extra.name = ''
  if (t.ordinal !== undefined) extra.ordinal = t.ordinal
  if (t.loadFailure) extra.loadFailure = true
  out.extra = extra
  return out
}

/**
 * `JSON.stringify(ctrfTest(t))`, written directly: the run's hot path writes every test, and building an
 * object per test only to serialise it cost more than the serialising. Only strings go through
 * JSON.stringify (its escaping is the reference); the fields come in ctrfTest's order, optional ones
 * under the same conditions. What tests share is written once: a suite's path (its tests are listed
 * together and share the array) and the frozen attempt lists of tests that passed once (model.ts
 * PassedOnce). test/report/ctrf.test.ts compares the two on hostile text. One writer per document.
 */
class CtrfTestWriter {
  private suite: readonly string[] | undefined
  private suiteJson = ''
  private readonly sharedTail = new Map<readonly Attempt[], string>()

  json(t: TestCase): string {
    const status = testStatus(t)
    const attempts = t.attempts
    const last = attempts[attempts.length - 1]
    const retries = Math.max(0, attempts.length - 1)
    let s = `{"testId":${str(t.id === '' ? UNNAMED : unflattened(t.id))},"name":${str(t.name === '' ? UNNAMED : t.name)},"status":"${status === 'flaky' ? 'passed' : status}","duration":${num(Math.round(testDurationMs(t)))}`
    if (status === 'flaky') s += ',"flaky":true'
    s += `,"retries":${retries}`
    if (retries > 0) s += `,"retryAttempts":${JSON.stringify(attempts.slice(0, -1).map(retryAttempt))}`
    if (t.file !== undefined) s += `,"filePath":${str(t.file)}`
    if (t.line !== undefined) s += `,"line":${num(t.line)}`
    if (t.suite.length > 0) s += `,"suite":${this.suiteOf(t.suite)}`
    if (last?.message !== undefined || last?.trace !== undefined) {
      const message = ctrfMessage(last)
      if (message !== undefined) s += `,"message":${str(message)}`
    }
    if (last?.trace !== undefined) s += `,"trace":${str(last.trace)}`
    s += `,"type":${str(t.tier)},"extra":{"tier":${str(t.tier)},"attempts":${this.attemptsOf(attempts)}`
    if (t.name === '') s += ',"name":""'
    if (t.ordinal !== undefined) s += `,"ordinal":${num(t.ordinal)}`
    if (t.loadFailure) s += ',"loadFailure":true'
    return `${s}}}`
  }

  private suiteOf(suite: readonly string[]): string {
    if (suite !== this.suite) {
      this.suite = suite
      this.suiteJson = JSON.stringify(suite)
    }
    return this.suiteJson
  }

  /** `[...attempts],"runAttempts":[...]`. */
  private attemptsOf(attempts: readonly Attempt[]): string {
    if (!Object.isFrozen(attempts)) return attemptsJson(attempts)
    let json = this.sharedTail.get(attempts)
    if (json === undefined) {
      json = attemptsJson(attempts)
      this.sharedTail.set(attempts, json)
    }
    return json
  }
}

function attemptsJson(attempts: readonly Attempt[]): string {
  let s = '['
  for (let i = 0; i < attempts.length; i++) {
    const a = attempts[i]!
    s += `${i === 0 ? '' : ','}{"outcome":${str(a.outcome)},"durationMs":${num(a.durationMs)},"runAttempt":${num(a.runAttempt)}}`
  }
  return `${s}],"runAttempts":[${runAttemptsOf(attempts).map(num).join(',')}]`
}

/**
 * `JSON.stringify(s)`: most strings (ids, names, paths) need no escaping, and quoting them is twice as
 * fast as the call. What JSON.stringify escapes (quote, backslash, control characters, lone surrogates)
 * sends the string to it; a surrogate of a pair goes too, and comes back unescaped.
 */
const str = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`)
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/
/** A number as JSON.stringify writes it (NaN and the infinities as null). */
const num = (n: number): string => (Number.isFinite(n) ? `${n}` : 'null')

/**
 * The same text as a string of its own, so serialising it leaves `s` as it is. JSON.stringify flattens a
 * concatenated string in place, and a run's ids are concatenations of their suite's prefix and their
 * name (identity.ts testIdPrefix): written as they are, every id would be held a second time, whole, for
 * the rest of the run. Here the concatenation flattened is the throwaway one made from `s`.
 */
function unflattened(s: string): string {
  return `${s}\u0000`.slice(0, -1)
}

/** The action attempts of a test's executions, ascending and distinct (most tests ran in one). */
function runAttemptsOf(attempts: readonly Attempt[]): number[] {
  const first = attempts[0]?.runAttempt
  if (first === undefined) return []
  if (attempts.every((a) => a.runAttempt === first)) return [first]
  return [...new Set(attempts.map((a) => a.runAttempt))].sort((a, b) => a - b)
}

/**
 * CTRF's `message`: the whole assertion — its Expected/Received lines too, which runners often put only
 * in the trace — without stack frames, so a CTRF consumer that shows the message shows what failed.
 * The trace stays as the runner wrote it.
 */
function ctrfMessage(a: Attempt): string | undefined {
  if (a.outcome !== 'failed' || a.trace === undefined) return a.message
  const lines = failureExcerpt(a.message, a.trace, { frames: 0 })
  return lines.length === 0 ? a.message : lines.join('\n')
}

function retryAttempt(a: Attempt, index: number): CtrfRetryAttempt {
  return {
    attempt: index + 1,
    status: a.outcome,
    duration: Math.max(0, Math.round(a.durationMs)),
    ...(a.message !== undefined ? { message: a.message } : {}),
    ...(a.trace !== undefined ? { trace: a.trace } : {}),
    extra: { runAttempt: a.runAttempt }
  }
}
