/**
 * What a pull request's run leaves for `mode: publish` when its token cannot comment (a fork's read-only
 * token): pyramid-comment.json, version 2. Data, never markdown — the run's CTRF report (its tests) and
 * the little run context the comment needs: the repository, PR and commit it tested, its section key,
 * and per tier the plan and what happened. Text is cut to what a comment shows, so a real run always
 * fits the limits that the trusted side (fork-run-check.ts) enforces. Pure.
 */
import type { Attempt, TestCase, Tier } from '../results/model.js'
import type { RunReport } from '../results/report.js'
import {
  commandAttempts,
  tierTiming,
  type CommandAttempt,
  type RunnerTime,
  type TierOutcome
} from '../results/run.js'
import { toCtrf, type CtrfDocument, type CtrfTest } from '../report/ctrf.js'
import { truncateText } from '../report/escape.js'

export const FORK_DATA_FILE = 'pyramid-comment.json'
export const FORK_DATA_VERSION = 2

/** Bounds of the file: the writer cuts text to them, the reader refuses anything past them. */
export const FORK_LIMITS = {
  fileBytes: 16 * 1024 * 1024,
  tests: 50_000,
  /** Executions kept per test (the last ones). */
  testAttempts: 50,
  /** Command attempts per tier: the first run and at most 10 retries. */
  tierAttempts: 11,
  nameChars: 300,
  suiteDepth: 10,
  pathChars: 300,
  messageChars: 2000,
  toolChars: 100,
  /** A week, in milliseconds: longer than any job may run. */
  durationMs: 7 * 24 * 3600 * 1000,
  /** Jobs whose runner time one tier adds up (parallel jobs merged by mode report). */
  runnerJobs: 20,
  /** Dollars per runner minute: above any GitHub-hosted runner's price. */
  usdPerMinute: 10,
  keyPattern: /^[a-z0-9][a-z0-9_-]{0,59}$/
} as const

/** Line numbers past this are not real (and are left out). */
export const LINE_MAX = 10_000_000

export const FORK_TIER_STATES = [
  'ran',
  'skipped',
  'setup-failed',
  'cancelled'
] as const satisfies readonly TierOutcome['kind'][]

export interface ForkTierAttempt {
  exitCode: number | null
  durationMs: number
  scope: CommandAttempt['scope']
}

export interface ForkTierData {
  tier: Tier
  /** The tier plan: whether the run planned this tier. */
  planned: boolean
  /** How the tier ended (its outcome's kind). */
  state: (typeof FORK_TIER_STATES)[number]
  teardownFailed: boolean
  /** The command's executions: at least one when it ran, none when skipped or its setup failed. */
  attempts: ForkTierAttempt[]
  setupMs: number
  teardownMs: number
  /** Runner time per job, at that job's price: the tier's cost is derived from it. */
  runnerTime: RunnerTime[]
}

/** The CTRF report without its environment and our `extra` (their free text stays with the fork's run). */
export interface ForkCtrf {
  reportFormat: 'CTRF'
  specVersion: string
  results: {
    tool: CtrfDocument['results']['tool']
    summary: CtrfDocument['results']['summary']
    tests: Omit<CtrfTest, 'testId'>[]
  }
}

export interface ForkRunData {
  version: typeof FORK_DATA_VERSION
  /** owner/name of the base repository. */
  repository: string
  prNumber: number
  headSha: string
  /** The section of the sticky comment (job and tier set). */
  key: string
  failOnFlaky: boolean
  startedAt: string
  finishedAt: string
  tiers: ForkTierData[]
  ctrf: ForkCtrf
}

export interface ForkTarget {
  repository: string
  prNumber: number
  headSha: string
  key: string
}

export type ForkDataResult = { ok: true; data: ForkRunData } | { ok: false; reason: string }

export function toForkRunData(
  report: RunReport,
  tool: { name: string; version: string },
  target: ForkTarget
): ForkDataResult {
  if (!FORK_LIMITS.keyPattern.test(target.key))
    return {
      ok: false,
      reason: `its section key ${JSON.stringify(target.key)} is not 1-60 characters of a-z, 0-9, _ and -`
    }
  const tests = report.tiers.reduce((n, t) => n + t.tests.length, 0)
  if (tests > FORK_LIMITS.tests) {
    return {
      ok: false,
      reason: `the run has ${tests} tests, more than the ${FORK_LIMITS.tests} a pull request's run may hand to mode publish`
    }
  }
  const bounded: RunReport = {
    ...report,
    tiers: report.tiers.map((t) => ({ ...t, tests: t.tests.map(boundedTest) }))
  }
  const ctrf = toCtrf(bounded, boundedTool(tool))
  const { tool: ctrfTool, summary, tests: ctrfTests } = ctrf.results
  return {
    ok: true,
    data: {
      version: FORK_DATA_VERSION,
      ...target,
      failOnFlaky: report.failOnFlaky,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      tiers: report.tiers.map((t) => {
        const timing = tierTiming(t)
        const state = t.outcome.kind
        return {
          tier: t.tier,
          // A tier that ran was planned (a merged report's plan may be one job's).
          planned: state !== 'skipped' || report.plan.tiers.some((p) => p.tier === t.tier && p.run),
          state,
          teardownFailed: t.teardownFailure !== undefined,
          attempts: commandAttempts(t)
            .slice(-FORK_LIMITS.tierAttempts)
            .map((a) => ({ exitCode: a.exitCode, durationMs: boundedMs(a.durationMs), scope: a.scope })),
          setupMs: boundedMs(timing.setupMs),
          teardownMs: boundedMs(timing.teardownMs),
          runnerTime: t.runnerTime.slice(0, FORK_LIMITS.runnerJobs).map((r) => ({
            wallMs: boundedMs(r.wallMs),
            usdPerMinute: Math.min(FORK_LIMITS.usdPerMinute, Math.max(0, r.usdPerMinute))
          }))
        }
      }),
      ctrf: {
        reportFormat: 'CTRF',
        specVersion: ctrf.specVersion,
        results: { tool: ctrfTool, summary, tests: ctrfTests.map(({ testId: _id, ...rest }) => rest) }
      }
    }
  }
}

function boundedTool(tool: { name: string; version: string }) {
  return {
    name: truncateText(tool.name, FORK_LIMITS.toolChars),
    version: truncateText(tool.version, FORK_LIMITS.toolChars)
  }
}

/** The test with its text cut to what a comment can show; messages only where a failure shows them. */
function boundedTest(t: TestCase): TestCase {
  const cut = (s: string, max: number) => truncateText(s, max)
  const { line, ...rest } = t
  return {
    ...rest,
    ...(line !== undefined && line >= 0 && line <= LINE_MAX ? { line } : {}),
    name: cut(t.name, FORK_LIMITS.nameChars),
    suite: t.suite.slice(0, FORK_LIMITS.suiteDepth).map((s) => cut(s, FORK_LIMITS.nameChars)),
    ...(t.file !== undefined ? { file: cut(t.file, FORK_LIMITS.pathChars) } : {}),
    attempts: t.attempts.slice(-FORK_LIMITS.testAttempts).map(boundedAttempt)
  }
}

function boundedMs(ms: number): number {
  return Math.min(FORK_LIMITS.durationMs, Math.max(0, Math.round(ms)))
}

function boundedAttempt(a: Attempt): Attempt {
  const { message, trace, ...fields } = a
  const rest = { ...fields, durationMs: boundedMs(a.durationMs) }
  if (a.outcome !== 'failed') return rest
  return {
    ...rest,
    ...(message !== undefined ? { message: truncateText(message, FORK_LIMITS.messageChars) } : {}),
    ...(trace !== undefined ? { trace: truncateText(trace, FORK_LIMITS.messageChars) } : {})
  }
}
