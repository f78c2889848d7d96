/**
 * Trend charts for the job summary, as mermaid xychart-beta blocks (GitHub renders them):
 *
 * - an explicit palette, each colour at least 3:1 against GitHub's light (#ffffff) and dark (#0d1117)
 *   backgrounds, so a line is readable in both themes;
 * - durations in seconds while the longest is under 2 minutes, in minutes from there; tiers that share
 *   a unit share one chart, with a legend;
 * - the x axis numbers the runs (1 = oldest), so at most ~10 tick labels whatever the window, and a line
 *   under the chart says which commit each end is;
 * - a tier that did not run in some of the runs is drawn as bars (a missing bar: it did not run) rather
 *   than as a line through a false zero;
 * - axis maxima rounded to 1, 2, 2.5 or 5 × 10ⁿ (never 0.30000000000000004).
 *
 * Pure and deterministic.
 */
import { codeSpan } from '../report/escape.js'
import type { Tier } from '../results/model.js'
import { trendTiers, type TrendPoint } from './trend.js'

/** Blue, orange, purple, green: ≥ 3.6:1 on #ffffff and on #0d1117 (test/visual checks it rendered). */
export const CHART_PALETTE = ['#0969da', '#bc4c00', '#8250df', '#1a7f37'] as const
/** Each tier keeps its colour in every chart. */
const TIER_COLOR: Record<Tier, string> = {
  unit: CHART_PALETTE[0],
  integration: CHART_PALETTE[1],
  e2e: CHART_PALETTE[2]
}

const SECONDS_UNTIL_MS = 2 * 60_000

interface Series {
  title: string
  color: string
  values: (number | undefined)[]
}

export function trendChartsMarkdown(points: readonly TrendPoint[]): string {
  const out = [`### 📈 Trends (last ${points.length} runs)`, '', runsLine(points), '']
  const tiers = trendTiers(points)
  const byUnit = new Map<'seconds' | 'minutes', Tier[]>()
  for (const tier of tiers) {
    const max = Math.max(...points.map((p) => p.durationMs[tier] ?? 0))
    const unit = max < SECONDS_UNTIL_MS ? 'seconds' : 'minutes'
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), tier])
  }
  for (const [unit, group] of byUnit) {
    const div = unit === 'seconds' ? 1000 : 60_000
    const series = group.map((tier) => ({
      title: tier,
      color: TIER_COLOR[tier],
      values: points.map((p) => {
        const ms = p.durationMs[tier]
        return ms === undefined ? undefined : roundTo(ms / div, unit === 'seconds' ? 1 : 2)
      })
    }))
    out.push(chart(`Duration per tier (${unit})`, unit, series), '')
    const gappy = series.filter((s) => s.values.includes(undefined)).map((s) => s.title)
    if (gappy.length > 0)
      out.push(`<sub>${gappy.join(', ')}: bars, one per run it ran in (no bar: it did not run).</sub>`, '')
  }
  out.push(
    chart('Flaky tests (% of executed)', 'percent', [
      {
        title: 'flaky rate',
        color: CHART_PALETTE[1],
        values: points.map((p) => roundTo(p.flakyRate * 100, 2))
      }
    ]),
    '',
    chart('Cost per run (USD, estimate)', 'USD', [
      { title: 'cost', color: CHART_PALETTE[3], values: points.map((p) => roundTo(p.totalCostUsd, 4)) }
    ]),
    ''
  )
  return out.join('\n')
}

/** "Runs: 1 = `abc1234` (oldest) … 20 = `def5678` (latest)". */
function runsLine(points: readonly TrendPoint[]): string {
  const first = points[0]?.label ?? ''
  const last = points[points.length - 1]?.label ?? ''
  return `<sub>x axis: runs, 1 = ${codeSpan(first, { maxChars: 16 })} (oldest) … ${points.length} = ${codeSpan(last, { maxChars: 16 })} (latest)</sub>`
}

function chart(title: string, yTitle: string, series: readonly Series[]): string {
  const n = Math.max(1, ...series.map((s) => s.values.length))
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)))
  const init = {
    // A transparent chart: the page's own background (GitHub's light or dark) is what the palette is for.
    themeVariables: {
      xyChart: { plotColorPalette: series.map((s) => s.color).join(', '), backgroundColor: 'transparent' }
    },
    xyChart: { showLegend: series.length > 1 }
  }
  // Complete series as lines; a series with runs missing as bars with nothing where it did not run.
  const plots = series.map((s) => {
    const complete = !s.values.includes(undefined)
    const values = s.values.map((v) => v ?? 0).join(', ')
    return `    ${complete ? 'line' : 'bar'} "${s.title}" [${values}]`
  })
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `    title "${title}"`,
    `    x-axis "run" 1 --> ${n}`,
    `    y-axis "${yTitle}" 0 --> ${niceCeil(max)}`,
    ...plots,
    '```'
  ].join('\n')
}

/** The axis maximum: the smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `max` (1 for an empty chart). */
export function niceCeil(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 2.5, 5, 10]) {
    const top = Number((step * p).toPrecision(12))
    if (top >= max) return top
  }
  return Number((10 * p).toPrecision(12))
}

function roundTo(n: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}
