/**
 * What every renderer shows, derived once from a RunReport: the verdict, totals, per-tier rows and the
 * ordered lists of failed, flaky and slow tests. Pure; the report is never modified (lists are copies).
 */
import { tierCostUsd } from '../cost/run-cost.js'
import {
  countTests,
  testDurationMs,
  testStatus,
  TIER_ORDER,
  type Counts,
  type TestCase,
  type Tier
} from '../results/model.js'
import type { RunReport } from '../results/report.js'
import { runTotals, type RunTotals } from '../results/run-totals.js'
import {
  tierResult,
  tiersInOrder,
  tierTiming,
  type TierResult,
  type TierRun,
  type TierTiming
} from '../results/run.js'

export interface TierRow {
  run: TierRun
  result: TierResult
  counts: Counts
  timing: TierTiming
  costUsd: number
}

export interface ReportView extends RunTotals {
  tiers: TierRow[]
  /** Failed tests ordered by tier, then file, line and id. */
  failed: TestCase[]
  /** Flaky tests in the same order. */
  flaky: TestCase[]
  /** Executed tests, longest first (ties by id). */
  slowest: TestCase[]
}

export const SLOWEST_COUNT = 10

function tierRank(tier: Tier): number {
  return TIER_ORDER.indexOf(tier)
}

/** Report order of tests: tier (pyramid order), then file (tests without a file last), line, id. */
export function compareTests(a: TestCase, b: TestCase): number {
  return (
    tierRank(a.tier) - tierRank(b.tier) ||
    compareOptional(a.file, b.file) ||
    (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
    compareStrings(a.id, b.id)
  )
}

function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return 1
  if (b === undefined) return -1
  return compareStrings(a, b)
}

/** Locale-independent, so the same data gives the same bytes on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function reportView(report: RunReport): ReportView {
  const opts = { failOnFlaky: report.failOnFlaky }
  const tiers = tiersInOrder(report.tiers).map((run) => ({
    run,
    result: tierResult(run, opts),
    counts: countTests(run.tests),
    timing: tierTiming(run),
    costUsd: tierCostUsd(run, report.costLines)
  }))
  const all = tiers.flatMap((t) => t.run.tests)
  const ordered = [...all].sort(compareTests)
  const executed = all.filter((t) => testStatus(t) !== 'skipped')
  return {
    ...runTotals(report),
    tiers,
    failed: ordered.filter((t) => testStatus(t) === 'failed'),
    flaky: ordered.filter((t) => testStatus(t) === 'flaky'),
    slowest: slowestTests(executed, SLOWEST_COUNT)
  }
}

/** Top `n` by total duration, longest first, ties by id; without sorting the whole list. */
function slowestTests(tests: readonly TestCase[], n: number): TestCase[] {
  const cmp = (a: TestCase, b: TestCase) =>
    testDurationMs(b) - testDurationMs(a) || compareStrings(a.id, b.id)
  const top: TestCase[] = []
  for (const t of tests) {
    if (testDurationMs(t) <= 0) continue
    if (top.length === n && cmp(t, top[n - 1]!) >= 0) continue
    top.push(t)
    top.sort(cmp)
    if (top.length > n) top.pop()
  }
  return top
}

/** "Suite › inner › name": how a test is named in every report. */
export function testTitle(t: Pick<TestCase, 'suite' | 'name'>): string {
  return [...t.suite, t.name].join(' › ')
}

/** "file:line", "file" or undefined. */
export function testLocation(t: Pick<TestCase, 'file' | 'line'>): string | undefined {
  if (t.file === undefined || t.file === '') return undefined
  return t.line !== undefined ? `${t.file}:${t.line}` : t.file
}

/** The message of the last failed attempt (the one that decided a failure), if any. */
export function lastFailure(t: TestCase): { message?: string; trace?: string } | undefined {
  for (let i = t.attempts.length - 1; i >= 0; i--) {
    const a = t.attempts[i]!
    if (a.outcome === 'failed')
      return {
        ...(a.message !== undefined ? { message: a.message } : {}),
        ...(a.trace !== undefined ? { trace: a.trace } : {})
      }
  }
  return undefined
}

/**
 * What to show of a failure: the message, followed by the trace when the trace says more (runners put
 * the "Expected / Received" lines in the trace and only the first line in the message). Empty if none.
 */
export function failureText(t: TestCase): string {
  const f = lastFailure(t)
  const message = f?.message?.trim() ?? ''
  const trace = f?.trace?.trim() ?? ''
  if (trace === '') return message
  const firstLine = message.split('\n')[0] ?? ''
  return message === '' || trace.includes(firstLine) ? trace : `${message}\n${trace}`
}
