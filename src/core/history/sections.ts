/**
 * Rendering of across-run insights: sections for the job summary (tables and mermaid xychart-beta trend
 * charts) and a compact block for the PR comment. Pure and deterministic.
 */
import type { Section } from '../report/section.js'
import { escapeInline, escapeTableCell } from '../report/escape.js'
import type { FlakinessInsights, FlakyTest } from './flakiness.js'
import { sparkline, trendTiers, type TrendPoint } from './trend.js'
import { trendChartsMarkdown } from './trend-charts.js'

const LIST_LIMIT = 15

export function historySections(insights: FlakinessInsights): Section[] {
  const flaky: Section = {
    id: 'history-flakiness',
    markdown: flakinessMarkdown(insights),
    dropOrder: 3,
    compact: `### Flakiness across runs\n\n${summaryLine(insights)}\n`
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
      .map((t) => `\`${t.tier}\` ${escapeInline(t.id, 80)}${withRate ? ` (${pct(t.failureRate)})` : ''}`)
      .join('; ') + (list.length > 5 ? `; and ${list.length - 5} more` : '')
  if (insights.newFlaky.length > 0) lines.push(`- 🆕 new flaky: ${names(insights.newFlaky, false)}`)
  if (insights.knownFlaky.length > 0) lines.push(`- 🔁 known flaky: ${names(insights.knownFlaky, true)}`)
  if (insights.topFlaky.length > 0) {
    const top = insights.topFlaky
      .slice(0, 3)
      .map(
        (t) => `\`${t.tier}\` ${escapeInline(t.id, 80)} (flip rate ${pct(t.flipRate)}, EWMA ${pct(t.ewma)})`
      )
    lines.push(`- 📈 most flaky by flip rate: ${top.join('; ')}`)
  }
  if (insights.recovered.length > 0) lines.push(`- ✅ recovered: ${names(insights.recovered, false)}`)
  if (insights.parityGaps.length > 0) {
    lines.push(
      `- ⚖️ parity gaps (LocalStack pass, AWS fail): ${insights.parityGaps.map((g) => escapeInline(g.e2eId, 80)).join('; ')}`
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
  const out = ['### Flakiness across runs', '', summaryLine(i), '']
  if (i.historyRuns === 0)
    out.push('_No history yet: the ledger starts with the first default-branch run._', '')
  if (i.currentInfraTiers.length > 0) {
    out.push(
      `> [!WARNING]\n> Infrastructure failure in this run (${i.currentInfraTiers.join(', ')}): not counted as flakiness.`,
      ''
    )
  }
  const table = (title: string, list: FlakyTest[]) => {
    if (list.length === 0) return
    out.push(`#### ${title}`, '', '| tier | test | failure rate | evidence |', '| --- | --- | --- | --- |')
    for (const t of list.slice(0, LIST_LIMIT)) {
      const rate = `${pct(t.failureRate)} (${t.failures}/${t.samples})`
      out.push(
        `| ${t.tier} | ${escapeTableCell(t.id, 200)} | ${rate} | ${t.evidence.map((e) => escapeTableCell(e, 200)).join('; ')} |`
      )
    }
    if (list.length > LIST_LIMIT) out.push('', `_and ${list.length - LIST_LIMIT} more_`)
    out.push('')
  }
  if (i.topFlaky.length > 0) {
    out.push(
      '#### Most flaky (by the moving average of the flip rate)',
      '',
      '| tier | test | flip rate (EWMA) | flip rate | failure rate | first seen |',
      '| --- | --- | --- | --- | --- | --- |'
    )
    for (const t of i.topFlaky) {
      out.push(
        `| ${t.tier} | ${escapeTableCell(t.id, 200)} | ${pct(t.ewma)} | ${pct(t.flipRate)} | ${pct(t.failureRate)} (${t.failures}/${t.samples}) | ${t.firstSeen?.slice(0, 10) ?? 'this run'} |`
      )
    }
    out.push('')
  }
  table('New flaky tests', i.newFlaky)
  table('Known flaky tests', i.knownFlaky)
  table('Recovered (passing in each of the last runs)', i.recovered)
  if (i.parityGaps.length > 0) {
    out.push('#### Parity gaps (passes on LocalStack, fails on AWS at the same commit)', '')
    out.push('| commit | integration test | e2e test |', '| --- | --- | --- |')
    for (const g of i.parityGaps.slice(0, LIST_LIMIT)) {
      out.push(
        `| ${g.sha.slice(0, 7)} | ${escapeTableCell(g.integrationId, 200)} | ${escapeTableCell(g.e2eId, 200)} |`
      )
    }
    out.push('')
  }
  return out.join('\n')
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
