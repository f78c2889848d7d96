/**
 * The e2e stack's cost lines: its resources (from ListStackResources, with their template properties
 * where known) × its lifetime, priced from the price table in the stack's region. Hourly resources are
 * billed by the started hour; request-priced ones are usage-priced with their unit prices; free ones
 * are listed as free; the rest are not priced, with the reason. Pure.
 */
import { formatRate, roundUsd } from '../cost/runner-cost.js'
import type { PriceTable } from '../cost/price-table.js'
import {
  groupCostLine,
  priceGroups,
  type PricedGroup,
  type PricedResource
} from '../cost/resource-pricing.js'
import type { CostLine } from '../results/report.js'

/** Started hours of a lifetime: 1 ms → 1 hour, 60 min → 1 hour, 61 min → 2 hours. */
export function startedHours(lifetimeMs: number): number {
  return Math.max(1, Math.ceil(lifetimeMs / 3_600_000))
}

/** One line per resource type (and size), in type order. */
export function stackCostLines(
  resources: readonly PricedResource[],
  lifetimeMs: number,
  table: PriceTable,
  region: string
): CostLine[] {
  const hours = startedHours(lifetimeMs)
  return priceGroups(table, region, resources).map((g) => costLine(g, hours))
}

/** The group over the stack's started hours: hours × the hourly price × count. */
function costLine(g: PricedGroup, hours: number): CostLine {
  const started = `${hours} started hour${hours === 1 ? '' : 's'}`
  return groupCostLine(g, (p, count) => ({
    usd: roundUsd(count * hours * p.usdPerHour),
    basis: `${started} × ${formatRate(p.usdPerHour, p.unit)}${count > 1 ? ` × ${count}` : ''}`
  }))
}
