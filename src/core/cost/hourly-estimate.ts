/**
 * Before the deploy: what the stacks would cost per hour, estimated from their templates and the price
 * table in the deploy region, and what to do about it — nothing, warn (above cost-warning-usd-per-hour)
 * or refuse the deploy (above cost-limit-usd-per-hour). A pure function of the templates' resources and
 * the table, so it can run wherever the synth ends. Pure.
 */
import type { CostLine, HourlyEstimate } from '../results/report.js'
import type { PriceTable } from './price-table.js'
import { groupCostLine, priceGroups, type PricedGroup, type PricedResource } from './resource-pricing.js'
import { meteredSum } from './run-cost.js'
import { formatRate, formatUsd, roundUsd } from './runner-cost.js'

export interface CostThresholds {
  /** cost-warning-usd-per-hour. */
  warningUsdPerHour: number
  /** cost-limit-usd-per-hour; undefined: no limit. */
  limitUsdPerHour?: number
}

export function hourlyEstimate(
  resources: readonly PricedResource[],
  table: PriceTable,
  region: string,
  thresholds: CostThresholds,
  notes: readonly string[] = []
): HourlyEstimate {
  const lines = priceGroups(table, region, resources).map(hourLine)
  return {
    region,
    pricesDate: table.date,
    lines,
    usdPerHour: meteredSum(lines),
    notes: [...notes],
    warningUsdPerHour: thresholds.warningUsdPerHour,
    ...(thresholds.limitUsdPerHour !== undefined ? { limitUsdPerHour: thresholds.limitUsdPerHour } : {})
  }
}

/** One started hour of the group: count × the hourly price. */
function hourLine(g: PricedGroup): CostLine {
  return groupCostLine(g, (p, count) => ({
    usd: roundUsd(count * p.usdPerHour),
    basis: `${count} × ${formatRate(p.usdPerHour, p.unit)}`
  }))
}

export type CostGate =
  { verdict: 'ok' } | { verdict: 'warn'; message: string } | { verdict: 'refuse'; message: string }

/** Above the limit the deploy is refused; above the warning it is announced; both name what costs. */
export function costGate(estimate: HourlyEstimate): CostGate {
  const t = estimate
  const hourly = estimate.lines.filter((l) => l.kind === 'metered')
  const what = hourly.map((l) => `${l.item}: ${l.basis} = ${formatUsd(l.usd)}/hour`).join('; ')
  const cost = `an estimated ${formatUsd(estimate.usdPerHour)}/hour in ${estimate.region}`
  if (t.limitUsdPerHour !== undefined && estimate.usdPerHour > t.limitUsdPerHour) {
    return {
      verdict: 'refuse',
      message:
        `Refusing to deploy: the stacks would cost ${cost}, above cost-limit-usd-per-hour (${t.limitUsdPerHour}): ${what}. ` +
        'Nothing was deployed. Remove these resources from the test stacks, or raise cost-limit-usd-per-hour.'
    }
  }
  if (estimate.usdPerHour > t.warningUsdPerHour) {
    return {
      verdict: 'warn',
      message: `The e2e stacks will cost ${cost} (each started hour is billed), above cost-warning-usd-per-hour (${t.warningUsdPerHour}): ${what}.`
    }
  }
  return { verdict: 'ok' }
}
