/**
 * What a run cost, derived from what was measured: each tier's runner time × its job's price, plus
 * the stack's cost lines (its resources × their lifetime). Nothing here is stored. Pure.
 */
import type { CostLine, RunReport } from '../results/report.js'
import { tierRan, tiersInOrder, type TierRun } from '../results/run.js'
import { stackCostUsd } from '../stacks/cost.js'
import { runnerCostUsd } from './runner-cost.js'

/** Runner minutes of the tier in every job that ran it, each at that job's price. */
export function tierRunnerCostUsd(t: Pick<TierRun, 'runnerTime'>): number {
  return t.runnerTime.reduce((sum, r) => sum + runnerCostUsd(r.wallMs, r.usdPerMinute), 0)
}

/** The tier's runner cost plus the priced cost lines of its resources (the e2e stack). */
export function tierCostUsd(t: Pick<TierRun, 'tier' | 'runnerTime'>, costLines: readonly CostLine[]): number {
  return tierRunnerCostUsd(t) + stackCostUsd(costLines.filter((l) => l.tier === t.tier))
}

export function runCostUsd(report: Pick<RunReport, 'tiers' | 'costLines'>): number {
  return report.tiers.reduce((sum, t) => sum + tierRunnerCostUsd(t), 0) + stackCostUsd(report.costLines)
}

/**
 * Every line of the estimate: the runner minutes of each tier that ran or took runner time (a tier that
 * prepared ahead and was then torn down), in pyramid order, then the resources'.
 */
export function costBreakdown(report: Pick<RunReport, 'tiers' | 'costLines'>): CostLine[] {
  const paid = report.tiers.filter((t) => tierRan(t) || t.runnerTime.length > 0)
  const runner = tiersInOrder(paid).map((t): CostLine => ({
    tier: t.tier,
    item: 'runner minutes',
    usd: tierRunnerCostUsd(t)
  }))
  return [...runner, ...report.costLines]
}
