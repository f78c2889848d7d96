/**
 * The tier table — at most six columns (tier, result, tests, flaky, time, cost), so it fits a PR
 * comment's ~780 px and keeps its first columns readable at 400 px — with tiers that did not run listed
 * under it as bullets with the reason, and why a tier was cancelled or failed outside its tests.
 * Never dropped.
 */
import { formatDuration, formatUsd } from '../../cost/runner-cost.js'
import { escapeInline } from '../escape.js'
import { TIER_RESULT_LABEL } from '../labels.js'
import type { Section } from '../section.js'
import type { ReportView, TierRow } from '../view.js'
import { commandAttempts, tierRan } from '../../results/run.js'
import { bullets, count, counted, DASH, nbsp, NBSP, table } from './md.js'

export const TIER_TABLE_HEADER = ['Tier', 'Result', 'Tests', 'Flaky', 'Time', 'Cost']
const ALIGN = ['left', 'left', 'right', 'right', 'right', 'right'] as const
/** Reasons come from tier setup (LocalStack output, CloudFormation events): bounded and escaped. */
const REASON_MAX_CHARS = 500

/** A tier "ran" in the table when it has attempts or got as far as a failed setup. */
function inTable(row: TierRow): boolean {
  return tierRan(row.run)
}

export function tiersSection(view: ReportView): Section {
  const ran = view.tiers.filter(inTable)
  const rows = ran.map(tierCells)
  if (ran.length > 1) rows.push(totalCells(view, ran))
  const why = view.tiers.flatMap(explanations)
  const parts = ran.length > 0 ? [table(TIER_TABLE_HEADER, rows, ALIGN)] : []
  if (why.length > 0) parts.push(bullets(why))
  return { id: 'tiers', title: 'tier table', dropOrder: 0, markdown: parts.join('\n\n') }
}

/** What the Result cell says: the verdict and, when that was not decided by failed tests, why. */
export function resultText(row: TierRow): string {
  const r = row.run
  const { icon } = TIER_RESULT_LABEL[row.result]
  const attempts = commandAttempts(r)
  const runs = attempts.length
  const last = attempts[runs - 1]
  const say = (words: string) => `${icon}${NBSP}${words}`
  if (row.result === 'cancelled' || row.result === 'skipped') return say(row.result)
  if (r.outcome.kind === 'setup-failed') return say('setup failed')
  if (r.teardownFailure !== undefined) return say('teardown failed')
  const byExitCode = row.counts.tests === 0 || (row.counts.failed === 0 && row.counts.flaky === 0)
  if (byExitCode && (row.result === 'failed' || row.counts.tests === 0)) {
    return say(last?.signal !== undefined ? `signal ${last.signal}` : `exit${NBSP}${last?.exitCode ?? '?'}`)
  }
  if (row.result === 'failed' && row.counts.failed === 0) return say('flaky')
  if (row.result === 'failed') return say(runs > 1 ? `failed, ${runs}${NBSP}runs` : 'failed')
  return say(runs > 1 ? 'passed on retry' : 'passed')
}

/** "1 failed, 35 passed, 2 skipped" (failures first; zero counts left out) or "no test report". */
export function testsText(c: TierRow['counts']): string {
  if (c.tests === 0) return 'no test report'
  const parts: string[] = []
  if (c.failed > 0) parts.push(counted(c.failed, 'failed'))
  parts.push(counted(c.passed, 'passed'))
  if (c.skipped > 0) parts.push(counted(c.skipped, 'skipped'))
  return parts.join(', ')
}

function time(ms: number): string {
  return ms > 0 ? nbsp(formatDuration(ms)) : DASH
}

function tierCells(row: TierRow): string[] {
  return [
    row.tier,
    resultText(row),
    testsText(row.counts),
    row.counts.flaky > 0 ? count(row.counts.flaky) : DASH,
    time(row.durationMs),
    formatUsd(row.costUsd)
  ]
}

function totalCells(view: ReportView, ran: readonly TierRow[]): string[] {
  return [
    '**total**',
    '',
    testsText(view.counts),
    view.counts.flaky > 0 ? count(view.counts.flaky) : DASH,
    time(ran.reduce((s, t) => s + t.durationMs, 0)),
    `**${formatUsd(view.costUsd)}**`
  ]
}

function explanations(row: TierRow): string[] {
  const r = row.run
  const tier = `**${r.tier}**`
  const text = (s: string) => escapeInline(s, REASON_MAX_CHARS)
  const out: string[] = []
  const o = r.outcome
  if (o.kind === 'skipped') out.push(`${TIER_RESULT_LABEL.skipped.icon} ${tier} skipped: ${text(o.reason)}`)
  if (o.kind === 'cancelled') out.push(`${TIER_RESULT_LABEL.cancelled.icon} ${tier} was cancelled`)
  if (o.kind === 'setup-failed') out.push(`❌ ${tier} setup failed: ${text(o.reason)}`)
  if (r.teardownFailure !== undefined) out.push(`❌ ${tier} teardown failed: ${text(r.teardownFailure)}`)
  return out
}
