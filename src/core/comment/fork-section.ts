/**
 * A pull request's data, checked (fork-run-check.ts), turned into the comment section by the trusted
 * side with the renderer every other comment uses. Only the tests and the tiers' numbers and states come
 * from the data; everything else is ours or GitHub's: the run's identity, links, wording, and the
 * verdict, which is the triggering run's own conclusion whenever the data disagrees with it. Pure.
 */
import type { TestCase } from '../results/model.js'
import type { RunReport } from '../results/report.js'
import { runResult, type CommandAttempt, type Phase, type TierOutcome, type TierRun } from '../results/run.js'
import type { CommentSection } from './section-blocks.js'
import { commentSection } from '../report/comment-section.js'
import { fromCtrf } from '../report/ctrf-read.js'
import { reportView } from '../report/view.js'
import { codeSpan } from '../report/escape.js'
import { VERDICT_LABEL } from '../report/labels.js'
import type { ForkRunData, ForkTierData } from './fork-run-data.js'
import { conclusionVerdict, type TrustedRun } from './trusted-run.js'

/** Our words for what the data only says as a flag: a fork never chooses the text. */
const SKIPPED = 'as the run reported (its reasons are not published from its data)'
const SETUP_FAILED = 'as the run reported (its details are in the run’s job summary)'
const TEARDOWN_FAILED = SETUP_FAILED

export interface ForkSectionInput {
  data: ForkRunData
  run: TrustedRun
  /** This repository (GITHUB_REPOSITORY) and server: the run's links are built from them. */
  repository: string
  serverUrl: string
  prNumber: number
  historyBlock?: string
}

export function forkRunReport(input: ForkSectionInput): RunReport {
  const { data, run } = input
  const read = fromCtrf(data.ctrf)
  if (!read.ok) throw new Error(read.error)
  if (run.isFork && data.tiers.some((t) => t.tier === 'e2e' && t.state !== 'skipped'))
    throw new Error(
      `pyramid-comment.json was refused: its data says the e2e tier ran, but a fork's run never runs e2e. Nothing was posted.`
    )
  const tests = read.tiers.flatMap((t) => t.tests)
  const tiers = data.tiers.map((t) =>
    tierRun(
      t,
      tests.filter((x) => x.tier === t.tier)
    )
  )
  const verdict = conclusionVerdict(run.conclusion)
  return {
    context: {
      repository: input.repository,
      // Left empty on purpose: the renderer links a test's file at the commit, and the path is the
      // fork's to choose. A fork's section links to nothing but the triggering run.
      sha: '',
      ref: `refs/pull/${input.prNumber}/merge`,
      eventName: run.event,
      runId: run.id,
      runAttempt: run.runAttempt,
      serverUrl: input.serverUrl,
      job: data.key
    },
    plan: {
      event: run.event,
      isDefaultBranch: false,
      isFork: run.isFork,
      selection: 'auto',
      tiers: data.tiers.map((t) => ({ tier: t.tier, run: t.planned, reason: '', command: '' }))
    },
    tiers,
    failOnFlaky: data.failOnFlaky,
    runnerPricePerMinute: 0,
    startedAt: data.startedAt,
    finishedAt: data.finishedAt,
    costLines: [],
    ...(verdict !== undefined ? { verdict } : {})
  }
}

function tierRun(t: ForkTierData, tests: TestCase[]): TierRun {
  const phases: Phase[] = [
    { name: 'setup', kind: 'setup', durationMs: t.setupMs, ok: t.state !== 'setup-failed' },
    { name: 'teardown', kind: 'teardown', durationMs: t.teardownMs, ok: !t.teardownFailed }
  ]
  return {
    tier: t.tier,
    outcome: outcome(t),
    ...(t.teardownFailed ? { teardownFailure: TEARDOWN_FAILED } : {}),
    tests,
    phases,
    notes: [],
    runnerTime: t.runnerTime,
    facts: {}
  }
}

function outcome(t: ForkTierData): TierOutcome {
  const attempts: CommandAttempt[] = t.attempts.map((a, i) => ({
    attempt: i + 1,
    command: '',
    scope: a.scope,
    exitCode: a.exitCode,
    durationMs: a.durationMs,
    reportFiles: []
  }))
  const [first, ...rest] = attempts
  switch (t.state) {
    case 'skipped':
      return { kind: 'skipped', reason: SKIPPED }
    case 'setup-failed':
      return { kind: 'setup-failed', reason: SETUP_FAILED }
    case 'cancelled':
      return { kind: 'cancelled', attempts }
    case 'ran':
      // The check guarantees at least one attempt for a tier that ran.
      return { kind: 'ran', attempts: [first!, ...rest] }
  }
}

/** The section: where it came from, in our words, then the blocks every other comment section has. */
export function forkSection(input: ForkSectionInput): CommentSection {
  const report = forkRunReport(input)
  const { run } = input
  const claimed = runResult(report.tiers, { failOnFlaky: report.failOnFlaky })
  const from = run.isFork ? `a fork's run (${codeSpan(run.headRepository)})` : `the pull request's run`
  const lines = [
    `🍴 Published by this repository's workflow from the data of ${from}, which GitHub says concluded ${codeSpan(run.conclusion)}. Test names and messages are the run's own, shown as plain text.`
  ]
  if (report.verdict !== undefined && report.verdict !== claimed)
    lines.push(`⚠️ The run's data says **${VERDICT_LABEL[claimed].word}**; the verdict shown is GitHub's.`)
  const section = commentSection(reportView(report), {
    label: input.data.key,
    ...(input.historyBlock !== undefined ? { historyBlock: input.historyBlock } : {})
  })
  const origin = {
    id: 'fork-origin',
    title: 'where this section came from',
    dropOrder: 0,
    markdown: lines.join('\n\n')
  }
  return { result: section.result, blocks: [origin, ...section.blocks] }
}
