/**
 * The one derived view of a run: everything the renderers (job summary, PR comment section, terminal,
 * annotations, CTRF summary) show, computed once in the emit step from a RunReport. Renderers take the
 * view and never look at the tests again.
 *
 * The view holds counts and bounded lists, never a copy of every test: the first FAILURES_KEPT failed
 * tests (in report order) with their excerpts, the first FLAKY_KEPT flaky ones with their evidence and
 * the SLOWEST_COUNT slowest. It is built in one pass over the tests (`ViewBuilder.addTest`), so a
 * streaming reader can feed it without holding the run. Pure; the report is never modified.
 */
import type { RunReport, StackReport } from '../results/report.js'
import { ordinalSuffix } from '../results/identity.js'
import {
  countStatus,
  noTests,
  testDurationMs,
  testStatus,
  TIER_ORDER,
  type Counts,
  type TestCase,
  type TestStatus,
  type Tier
} from '../results/model.js'
import { costBreakdown, type CostBreakdown } from '../cost/run-cost.js'
import { runTotals, type RunTotals } from '../results/run-totals.js'
import {
  tierResult,
  tiersInOrder,
  tierTiming,
  type TierResult,
  type TierRun,
  type TierTiming
} from '../results/run.js'
import { flakyEvidence, type FlakyEvidence } from './evidence.js'
import { timelineOf, type TimelineView } from './timeline.js'
import { failureExcerpt } from './excerpt.js'
import { blobUrl, isGitHubRun, workflowRunUrl, type LinkContext } from './links.js'
import { TopK } from './top-k.js'

/** Failed tests kept with their excerpt: enough for the summary's detailed and listed failures. */
export const FAILURES_KEPT = 300
export const FLAKY_KEPT = 50
export const SLOWEST_COUNT = 10

export interface TierRow {
  tier: Tier
  run: TierRun
  result: TierResult
  counts: Counts
  timing: TierTiming
  /** setup + test + teardown. */
  durationMs: number
  costUsd: number
}

/** Where a test is: a repo-relative path, the line when known, and a link to it at the commit. */
export interface TestPlace {
  file: string
  line?: number
  /** `blob/<sha>/<path>#L<line>` on GitHub; undefined for a local run. */
  url?: string
}

export interface FailureView {
  tier: Tier
  /** "Suite › inner › name". */
  title: string
  place?: TestPlace
  /** The failure as a reader needs it (see excerpt.ts): untrusted plain lines, escape where shown. */
  excerpt: string[]
  attempts: number
}

export interface FlakyView {
  tier: Tier
  title: string
  place?: TestPlace
  evidence: FlakyEvidence
}

export interface SlowTestView {
  tier: Tier
  title: string
  durationMs: number
  attempts: number
}

export interface Bounded<T> {
  /** How many there are in the run. */
  total: number
  /** The first ones in report order, at most the kept limit. */
  shown: T[]
}

export interface RunOrigin {
  /** False for a local run (the CLI): reports say "local run" and link nothing. */
  onGitHub: boolean
  eventName: string
  ref: string
  sha: string
  runId: string
  runAttempt: number
  job: string
  repository: string
  /** The workflow run (attempt) on GitHub. */
  runUrl?: string
}

/** The run's totals (verdict, counts, wall time, cost, tiers that ran: see run-totals.ts) and what to show. */
export interface ReportView extends RunTotals {
  failOnFlaky: boolean
  /** Tiers in pyramid order. */
  tiers: TierRow[]
  failures: Bounded<FailureView>
  flaky: Bounded<FlakyView>
  /** Executed tests, longest first (ties by id). */
  slowest: SlowTestView[]
  stacks?: StackReport
  /** The tiers' timed phases on the job's clock (overlap, critical path); absent when none were timed. */
  timeline?: TimelineView
  /** Every line of the cost estimate, tier by tier: runner time, whole-minute rounding, resources. */
  cost: CostBreakdown
  origin: RunOrigin
  commentNote?: string
}

export interface ViewOptions {
  /** Absolute checkout folder(s): taken off paths in excerpts so they read repo-relative. */
  roots?: readonly string[]
}

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

const bySlowest = (a: TestCase, b: TestCase) =>
  testDurationMs(b) - testDurationMs(a) || compareStrings(a.id, b.id)

function tierDurationMs(t: TierTiming): number {
  return t.setupMs + t.testMs + t.teardownMs
}

/** "Suite › inner › name" (and " [#2]" for the second case sharing that title): how a test is named in every report. */
export function testTitle(t: Pick<TestCase, 'suite' | 'name' | 'ordinal'>): string {
  return [...t.suite, t.name].join(' › ') + ordinalSuffix(t.ordinal)
}

/** "file:line", "file" or undefined. */
export function testLocation(t: Pick<TestCase, 'file' | 'line'>): string | undefined {
  if (t.file === undefined || t.file === '') return undefined
  return t.line !== undefined ? `${t.file}:${t.line}` : t.file
}

/** The message and trace of the last failed attempt (the one that decided a failure), if any. */
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
 * Builds the view in one pass over the tests: each test's status is derived once, counted for its tier
 * and kept where the view shows it. `addTest` may be fed from a stream; tiers, context and the rest come
 * from the report's header.
 */
export class ViewBuilder {
  private readonly failed = new TopK<TestCase>(FAILURES_KEPT, compareTests)
  private readonly flakyTests = new TopK<TestCase>(FLAKY_KEPT, compareTests)
  private readonly slow = new TopK<TestCase>(SLOWEST_COUNT, bySlowest)
  private readonly counts = new Map<TierRun, Counts>()

  constructor(
    private readonly report: RunReport,
    private readonly opts: ViewOptions = {}
  ) {}

  /** A test of `run` (one of the report's tiers). */
  addTest(run: TierRun, t: TestCase): void {
    const status = testStatus(t)
    this.count(run, status)
    if (status === 'failed') this.failed.add(t)
    else if (status === 'flaky') this.flakyTests.add(t)
    if (status !== 'skipped' && testDurationMs(t) > 0) this.slow.add(t)
  }

  private count(run: TierRun, status: TestStatus): void {
    let c = this.counts.get(run)
    if (c === undefined) this.counts.set(run, (c = noTests()))
    countStatus(c, status)
  }

  finish(): ReportView {
    const report = this.report
    const links: LinkContext = report.context
    const place = (t: TestCase): TestPlace | undefined => {
      if (t.file === undefined || t.file === '') return undefined
      const url = blobUrl(links, t.file, t.line)
      return { file: t.file, ...(t.line !== undefined ? { line: t.line } : {}), ...(url ? { url } : {}) }
    }
    const opts = { failOnFlaky: report.failOnFlaky }
    const cost = costBreakdown(report)
    const countsOf = (run: TierRun): Counts => this.counts.get(run) ?? noTests()
    const tiers = tiersInOrder(report.tiers).map((run): TierRow => {
      const timing = tierTiming(run)
      const counts = countsOf(run)
      return {
        tier: run.tier,
        run,
        result: tierResult(run, opts, counts),
        counts,
        timing,
        durationMs: tierDurationMs(timing),
        costUsd: cost.tierUsd[run.tier] ?? 0
      }
    })
    const roots = this.opts.roots ?? []
    const runLink = workflowRunUrl(links)
    const timeline = timelineOf(report.tiers)
    return {
      ...runTotals(report, countsOf),
      failOnFlaky: report.failOnFlaky,
      tiers,
      failures: {
        total: this.failed.total,
        shown: this.failed.list().map((t) => {
          const f = lastFailure(t)
          const p = place(t)
          return {
            tier: t.tier,
            title: testTitle(t),
            ...(p ? { place: p } : {}),
            excerpt: failureExcerpt(f?.message, f?.trace, { roots }),
            attempts: t.attempts.length
          }
        })
      },
      flaky: {
        total: this.flakyTests.total,
        shown: this.flakyTests.list().map((t) => {
          const p = place(t)
          return { tier: t.tier, title: testTitle(t), ...(p ? { place: p } : {}), evidence: flakyEvidence(t) }
        })
      },
      slowest: this.slow.list().map((t) => ({
        tier: t.tier,
        title: testTitle(t),
        durationMs: testDurationMs(t),
        attempts: t.attempts.length
      })),
      ...(report.stacks !== undefined ? { stacks: report.stacks } : {}),
      ...(timeline !== undefined ? { timeline } : {}),
      cost,
      origin: {
        onGitHub: isGitHubRun(links),
        eventName: links.eventName,
        ref: links.ref,
        sha: links.sha,
        runId: links.runId,
        runAttempt: links.runAttempt,
        job: links.job,
        repository: links.repository,
        ...(runLink ? { runUrl: runLink } : {})
      },
      ...(report.commentNote !== undefined ? { commentNote: report.commentNote } : {})
    }
  }
}

/** The view of a report held in memory: one pass over its tests. */
export function reportView(report: RunReport, opts: ViewOptions = {}): ReportView {
  const b = new ViewBuilder(report, opts)
  for (const tier of report.tiers) for (const t of tier.tests) b.addTest(tier, t)
  return b.finish()
}
