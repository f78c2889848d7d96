/** Trend points over the last runs: per-tier duration and cost, and the run's flaky rate. Pure. */
import { TIER_ORDER, type Tier } from '../results/model.js'
import type { RunSummary } from './ledger.js'

export const TREND_RUNS = 20

export interface TrendPoint {
  /** Short label for an axis: short sha, with the attempt when it is a re-run ("abc1234.2"). */
  label: string
  at: string
  /** setup + test + teardown per tier that ran. */
  durationMs: Partial<Record<Tier, number>>
  costUsd: Partial<Record<Tier, number>>
  /** Flaky tests / executed tests. */
  flakyRate: number
  totalCostUsd: number
}

/** The last TREND_RUNS runs, oldest first. Input records are expected oldest first. */
export function trendPoints(runs: readonly RunSummary[]): TrendPoint[] {
  return runs.slice(Math.max(0, runs.length - TREND_RUNS)).map((r) => {
    const durationMs: Partial<Record<Tier, number>> = {}
    const costUsd: Partial<Record<Tier, number>> = {}
    for (const t of r.tiers) {
      durationMs[t.tier] = (durationMs[t.tier] ?? 0) + t.setupMs + t.testMs + t.teardownMs
      costUsd[t.tier] = (costUsd[t.tier] ?? 0) + t.costUsd
    }
    const executed = r.tiers.reduce((n, t) => n + t.executed, 0)
    const flaky = r.tiers.reduce((n, t) => n + t.flaky, 0)
    return {
      label: r.sha.slice(0, 7) + (r.runAttempt > 1 ? `.${r.runAttempt}` : ''),
      at: r.at,
      durationMs,
      costUsd,
      flakyRate: executed === 0 ? 0 : flaky / executed,
      totalCostUsd: r.tiers.reduce((s, t) => s + t.costUsd, 0)
    }
  })
}

/** Tiers that appear in at least one point, in pyramid order. */
export function trendTiers(points: readonly TrendPoint[]): Tier[] {
  return TIER_ORDER.filter((t) => points.some((p) => p.durationMs[t] !== undefined))
}

/** A unicode sparkline for compact places (the PR comment). Missing values are shown as a space. */
export function sparkline(values: readonly (number | undefined)[]): string {
  const bars = '▁▂▃▄▅▆▇█'
  const present = values.filter((v): v is number => v !== undefined)
  if (present.length === 0) return ''
  const min = Math.min(...present)
  const max = Math.max(...present)
  return values
    .map((v) => {
      if (v === undefined) return ' '
      if (max === min) return bars[3]
      return bars[Math.round(((v - min) / (max - min)) * (bars.length - 1))]
    })
    .join('')
}
