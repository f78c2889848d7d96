/**
 * Rendering of across-run insights: sections for the job summary (tables and mermaid xychart-beta trend
 * charts) and a compact block for the PR comment. Pure and deterministic.
 */
import type { Section } from '../report/section.js'
import { codeSpan, escapeInline, truncateStart } from '../report/escape.js'
import type { FlakinessInsights, FlakyTest } from './flakiness.js'
import { sparkline, trendTiers, type TrendPoint } from './trend.js'
import { trendChartsMarkdown } from './trend-charts.js'

const LIST_LIMIT = 15

export function historySections(insights: FlakinessInsights): Section[] {
  const flaky: Section = {
    id: 'history-flakiness',
    markdown: flakinessMarkdown(insights),
    dropOrder: 3,
    compact: `### 🔁 Flakiness across runs\n\n${summaryLine(insights)}\n`
  }
  if (insights.trend.length < 2) return [flaky]
  const trends: Section = {
    id: 'history-trends',
    markdown: trendChartsMarkdown(insights.trend),
    dropOrder: 6,
    compact: `### Trends (last ${insights.trend.length} runs)\n\n${sparkLines(insights.trend).join('\n')}\n`
  }
  return [flaky, trends]
}

/** A few lines for the sticky comment: counts, names with rates, and sparklines of the trends. */
export function commentHistoryBlock(insights: FlakinessInsights): string {
  const lines = [`**Across runs:** ${summaryLine(insights)}`]
  const names = (list: FlakyTest[], withRate: boolean) =>
    list
      .slice(0, 5)
      .map(
        (t) => `\`${t.tier}\` ${escapeInline(shownName(t.id))}${withRate ? ` (${pct(t.failureRate)})` : ''}`
      )
      .join('; ') + (list.length > 5 ? `; and ${list.length - 5} more` : '')
  if (insights.newFlaky.length > 0) lines.push(`- 🆕 new flaky: ${names(insights.newFlaky, false)}`)
  if (insights.knownFlaky.length > 0) lines.push(`- 🔁 known flaky: ${names(insights.knownFlaky, true)}`)
  if (insights.topFlaky.length > 0) {
    const top = insights.topFlaky
      .slice(0, 3)
      .map(
        (t) =>
          `\`${t.tier}\` ${escapeInline(shownName(t.id))} (flip rate ${pct(t.flipRate)}, EWMA ${pct(t.ewma)})`
      )
    lines.push(`- 📈 most flaky by flip rate: ${top.join('; ')}`)
  }
  if (insights.recovered.length > 0) lines.push(`- ✅ recovered: ${names(insights.recovered, false)}`)
  if (insights.parityGaps.length > 0) {
    lines.push(
      `- ⚖️ parity gaps (LocalStack pass, AWS fail): ${insights.parityGaps.map((g) => escapeInline(shownName(g.e2eId))).join('; ')}`
    )
  }
  if (insights.trend.length >= 2) lines.push(...sparkLines(insights.trend).map((l) => `- ${l}`))
  return `${lines.join('\n')}\n`
}

function summaryLine(i: FlakinessInsights): string {
  const parts = [
    `${i.newFlaky.length} new flaky`,
    `${i.knownFlaky.length} known flaky`,
    `${i.recovered.length} recovered`,
    `${i.parityGaps.length} parity gap${i.parityGaps.length === 1 ? '' : 's'}`
  ]
  const infra = i.infraRuns > 0 ? `, ${i.infraRuns} infrastructure failure run(s) left out` : ''
  return `${parts.join(', ')} (from ${i.windowRuns} earlier run(s)${infra}).`
}

function flakinessMarkdown(i: FlakinessInsights): string {
  const out = ['### 🔁 Flakiness across runs', '', summaryLine(i), '']
  if (i.historyRuns === 0)
    out.push('_No history yet: the ledger starts with the first default-branch run._', '')
  if (i.currentInfraTiers.length > 0) {
    out.push(
      `> [!WARNING]\n> Infrastructure failure in this run (${i.currentInfraTiers.join(', ')}): not counted as flakiness.`,
      ''
    )
  }
  // Lists, not tables: a test's name can be long, and a table cannot wrap it on a phone.
  const list = (title: string, tests: FlakyTest[], line: (t: FlakyTest) => string, note = '') => {
    if (tests.length === 0) return
    out.push(
      `**${title}**${note}`,
      '',
      tests
        .slice(0, LIST_LIMIT)
        .map((t) => `- ${line(t)}`)
        .join('\n')
    )
    if (tests.length > LIST_LIMIT) out.push('', `… and ${tests.length - LIST_LIMIT} more`)
    out.push('')
  }
  const name = (t: FlakyTest) => `**${t.tier}** · ${escapeInline(shownName(t.id, 200))}`
  const evidence = (t: FlakyTest) => t.evidence.map((e) => escapeInline(e, 200)).join('; ')
  const rate = (t: FlakyTest) => `failed ${t.failures} of ${t.samples} (${pct(t.failureRate)})`
  if (i.topFlaky.length > 0) {
    out.push(
      '**Most flaky** (by the moving average of the flip rate)',
      '',
      i.topFlaky
        .map(
          (t, n) =>
            `${n + 1}. ${name(t)} · flip rate ${pct(t.flipRate)} (moving average ${pct(t.ewma)}) · ${rate(t)} · since ${t.firstSeen?.slice(0, 10) ?? 'this run'}`
        )
        .join('\n'),
      ''
    )
  }
  // A new flaky test has no history yet: its evidence says what happened, a rate of one sample would not.
  list('New flaky tests', i.newFlaky, (t) => `${name(t)}: ${evidence(t)}`)
  list('Known flaky tests', i.knownFlaky, (t) => `${name(t)} · ${rate(t)}: ${evidence(t)}`)
  list('Recovered', i.recovered, (t) => name(t), ' (passing in each of the last runs)')
  if (i.parityGaps.length > 0) {
    out.push('**Parity gaps** (passes on LocalStack, fails on AWS at the same commit)', '')
    out.push(
      i.parityGaps
        .slice(0, LIST_LIMIT)
        .map(
          (g) =>
            `- ${codeSpan(g.sha.slice(0, 7))}: integration ${escapeInline(shownName(g.integrationId, 200))} · e2e ${escapeInline(shownName(g.e2eId, 200))}`
        )
        .join('\n'),
      ''
    )
  }
  return out.join('\n')
}

/**
 * How a test is named in the history: its suite and name without the file (the id starts with it), and
 * when too long cut from the start, so the name (the end) is what stays.
 */
function shownName(id: string, maxChars = 80): string {
  const parts = id.split(' › ')
  const withoutFile = parts.length > 1 ? parts.slice(1).join(' › ') : id
  return truncateStart(withoutFile, maxChars)
}

function sparkLines(points: readonly TrendPoint[]): string[] {
  const last = points[points.length - 1]!
  const lines = trendTiers(points).map(
    (t) =>
      `${t} duration \`${sparkline(points.map((p) => p.durationMs[t]))}\` ${round2((last.durationMs[t] ?? 0) / 60_000)} min`
  )
  lines.push(`flaky rate \`${sparkline(points.map((p) => p.flakyRate))}\` ${pct(last.flakyRate)}`)
  lines.push(`cost \`${sparkline(points.map((p) => p.totalCostUsd))}\` $${last.totalCostUsd.toFixed(4)}`)
  return lines
}

function pct(r: number): string {
  return `${Math.round(r * 1000) / 10}%`
}
function round2(n: number): number {
  return Math.round(n * 100) / 100
}
