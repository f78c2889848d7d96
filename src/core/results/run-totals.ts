/**
 * The figures every consumer shows for a run (summary, comment, terminal, action outputs, history):
 * which tiers ran, the verdict, the counts, the wall time and the cost. Derived here once, by one set
 * of rules, from what the run measured. Pure.
 */
import { runCostUsd } from '../cost/run-cost.js'
import { TIER_ORDER, type Counts, type Tier } from './model.js'
import type { RunReport } from './report.js'
import { runCounts, runResult, tierRan, tierTiming, type CountsOf, type RunResult } from './run.js'

export interface RunTotals {
  result: RunResult
  counts: Counts
  durationMs: number
  costUsd: number
  /** Tiers that started, in pyramid order. */
  ran: Tier[]
}

/** `countsOf` gives a tier's counts where the caller has them (the view counts every tier once). */
export function runTotals(report: RunReport, countsOf?: CountsOf): RunTotals {
  return {
    // A more trusted verdict wins when there is one (the triggering run's conclusion, for mode publish).
    result: report.verdict ?? runResult(report.tiers, { failOnFlaky: report.failOnFlaky }, countsOf),
    counts: runCounts(report.tiers, countsOf),
    durationMs: runDurationMs(report),
    costUsd: runCostUsd(report),
    ran: TIER_ORDER.filter((tier) => report.tiers.some((t) => t.tier === tier && tierRan(t)))
  }
}

/** Wall time of the run from its timestamps; the tiers' summed timing when those are missing. */
export function runDurationMs(report: Pick<RunReport, 'startedAt' | 'finishedAt' | 'tiers'>): number {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt)
  if (Number.isFinite(ms) && ms >= 0) return ms
  return report.tiers.reduce((sum, t) => {
    const timing = tierTiming(t)
    return sum + timing.setupMs + timing.testMs + timing.teardownMs
  }, 0)
}
