/**
 * The per-tier table (result, counts, setup/test/teardown time, cost) and, under it, why tiers were
 * skipped, cancelled or failed outside their tests. Never dropped.
 */
import { formatDuration, formatUsd } from '../../cost/runner-cost.js'
import { escapeInline } from '../escape.js'
import { TIER_RESULT_ICON } from '../labels.js'
import type { Section } from '../section.js'
import type { ReportView, TierRow } from '../view.js'
import { commandAttempts, tierRan, verdictFromExitCode } from '../../results/run.js'
import { bullets, DASH, table } from './md.js'

const HEADER = [
  'Tier',
  'Result',
  'Passed',
  'Failed',
  'Skipped',
  'Flaky',
  'Setup',
  'Test',
  'Teardown',
  'Cost (est.)'
]
const ALIGN = [
  'left',
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right'
] as const
/** Reasons are ours but may quote user input (a command, a LocalStack error): bounded and escaped. */
const REASON_MAX_CHARS = 500

export function tiersSection(view: ReportView): Section {
  const rows = view.tiers.map(tierCells)
  const ran = view.tiers.filter((t) => tierRan(t.run))
  if (ran.length > 1) rows.push(totalCells(view, ran))
  const why = view.tiers.flatMap(explanations)
  const parts = [table(HEADER, rows, ALIGN)]
  if (why.length > 0) parts.push(bullets(why))
  return { id: 'tiers', title: 'tier table', dropOrder: 0, markdown: parts.join('\n\n') }
}

function resultCell(row: TierRow): string {
  const words = [`${TIER_RESULT_ICON[row.result]} ${row.result}`]
  const attempts = commandAttempts(row.run).length
  if (attempts > 1) words.push(`after ${attempts} attempts`)
  if (verdictFromExitCode(row.run)) words.push('(exit code)')
  return words.join(' ')
}

function time(ms: number): string {
  return ms > 0 ? formatDuration(ms) : DASH
}

function tierCells(row: TierRow): string[] {
  if (!tierRan(row.run)) {
    return [row.run.tier, resultCell(row), DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH]
  }
  const c = row.counts
  const counted = c.tests > 0
  const n = (v: number) => (counted ? v.toLocaleString('en-US') : DASH)
  return [
    row.run.tier,
    resultCell(row),
    n(c.passed),
    n(c.failed),
    n(c.skipped),
    n(c.flaky),
    time(row.timing.setupMs),
    time(row.timing.testMs),
    time(row.timing.teardownMs),
    formatUsd(row.costUsd)
  ]
}

function totalCells(view: ReportView, ran: readonly TierRow[]): string[] {
  const c = view.counts
  const sum = (pick: (t: TierRow) => number) => ran.reduce((s, t) => s + pick(t), 0)
  return [
    '**total**',
    '',
    c.passed.toLocaleString('en-US'),
    c.failed.toLocaleString('en-US'),
    c.skipped.toLocaleString('en-US'),
    c.flaky.toLocaleString('en-US'),
    time(sum((t) => t.timing.setupMs)),
    time(sum((t) => t.timing.testMs)),
    time(sum((t) => t.timing.teardownMs)),
    `**${formatUsd(view.costUsd)}**`
  ]
}

function explanations(row: TierRow): string[] {
  const r = row.run
  const tier = `**${r.tier}**`
  const text = (s: string) => escapeInline(s, REASON_MAX_CHARS)
  const out: string[] = []
  const o = r.outcome
  if (o.kind === 'skipped') out.push(`${TIER_RESULT_ICON.skipped} ${tier} skipped: ${text(o.reason)}`)
  if (o.kind === 'cancelled') out.push(`${TIER_RESULT_ICON.cancelled} ${tier} was cancelled`)
  if (o.kind === 'setup-failed') out.push(`❌ ${tier} setup failed: ${text(o.reason)}`)
  if (r.teardownFailure !== undefined) out.push(`❌ ${tier} teardown failed: ${text(r.teardownFailure)}`)
  return out
}
