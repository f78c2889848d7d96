/**
 * What one resource costs in a region, looked up in the price table: an hourly price, usage-priced with
 * its unit prices, free, or not priced (with the reason). A region without a confirmed price is priced
 * at the us-east-1 price and says so; a size-dependent type (EC2 instances, load balancers) is priced by
 * the template property that selects its size. Pure.
 */
import type { PriceTable, Provenance, RegionPrices } from './price-table.js'
import type { CostLine } from '../results/report.js'

/** The region every price table entry has: the fallback when a region's price is not confirmed. */
export const BASE_REGION = 'us-east-1'

export interface PricedAt extends Provenance {
  /** The region whose price was used (BASE_REGION when the resource's own was not confirmed). */
  region: string
  /** Why the price is not the resource region's own, when it is not. */
  caveat?: string
}

export type Pricing =
  | ({ kind: 'hourly'; usdPerHour: number; unit: string; plus?: string; size?: string } & PricedAt)
  | ({ kind: 'usage'; unitPrice: string } & PricedAt)
  | { kind: 'free' }
  | { kind: 'not-priced'; reason: string }

export interface PricedResource {
  /** CloudFormation type; empty when the source did not say (then it is not priced). */
  type: string
  /** Template properties, when known (they select the size of sized types). */
  properties?: Record<string, unknown>
}

export function priceResource(table: PriceTable, region: string, r: PricedResource): Pricing {
  if (r.type.trim() === '') return { kind: 'not-priced', reason: 'the resource type was not reported' }
  const entry = table.resources[r.type]
  if (entry === undefined)
    return { kind: 'not-priced', reason: `${r.type} is not in the price table (add it with prices-file)` }
  if (entry.kind === 'free') return { kind: 'free' }
  if (entry.kind === 'usage') {
    const found = inRegion(entry.regions, region)
    if ('reason' in found) return { kind: 'not-priced', reason: `${r.type}: ${found.reason}` }
    return { kind: 'usage', unitPrice: found.price.unitPrice, ...found.at }
  }
  let regions: RegionPrices<{ usdPerHour: number }>
  let size: string | undefined
  if ('sizes' in entry) {
    const given = r.properties?.[entry.sizeProperty]
    if (given !== undefined && typeof given !== 'string')
      return {
        kind: 'not-priced',
        reason: `${r.type}: its ${entry.sizeProperty} is not a literal value in the template, so its size is unknown`
      }
    size = given ?? entry.defaultSize
    if (size === undefined)
      return { kind: 'not-priced', reason: `${r.type}: no ${entry.sizeProperty} in the template` }
    const sized = entry.sizes[size]
    if (sized === undefined)
      return {
        kind: 'not-priced',
        reason: `${r.type} with ${entry.sizeProperty} ${size}: that size is not in the price table (add it with prices-file)`
      }
    regions = sized
  } else {
    regions = entry.regions
  }
  const found = inRegion(regions, region)
  if ('reason' in found)
    return { kind: 'not-priced', reason: `${r.type}${size ? ` ${size}` : ''}: ${found.reason}` }
  return {
    kind: 'hourly',
    usdPerHour: found.price.usdPerHour,
    unit: entry.unit,
    ...(entry.plus !== undefined ? { plus: entry.plus } : {}),
    ...(size !== undefined ? { size } : {}),
    ...found.at
  }
}

/** The region's confirmed price, else `*`, else the base region's with a caveat saying why. */
function inRegion<T>(
  regions: RegionPrices<T>,
  region: string
): { price: T; at: PricedAt } | { reason: string } {
  const own = regions[region] ?? regions['*']
  if (own !== undefined && !('unconfirmed' in own)) {
    return { price: own, at: { region, source: own.source, date: own.date } }
  }
  const base = regions[BASE_REGION]
  if (base === undefined || 'unconfirmed' in base) return { reason: `no confirmed price for ${region}` }
  const why =
    own === undefined
      ? `the price table has no ${region} price`
      : `the ${region} price is not confirmed (${own.unconfirmed})`
  return {
    price: base,
    at: { region: BASE_REGION, source: base.source, date: base.date, caveat: `${BASE_REGION} price: ${why}` }
  }
}

/** Resources of one type (and size) priced alike: the unit every estimate shows as one line. */
export interface PricedGroup {
  type: string
  size?: string
  count: number
  pricing: Pricing
}

/** Prices each resource and groups equal ones, in type order (then size). */
export function priceGroups(
  table: PriceTable,
  region: string,
  resources: readonly PricedResource[]
): PricedGroup[] {
  const groups = new Map<string, PricedGroup>()
  for (const r of resources) {
    const pricing = priceResource(table, region, r)
    const size = pricing.kind === 'hourly' ? pricing.size : undefined
    const key = `${r.type}\u0000${size ?? ''}\u0000${pricing.kind === 'not-priced' ? pricing.reason : ''}`
    const seen = groups.get(key)
    if (seen) seen.count++
    else groups.set(key, { type: r.type, ...(size !== undefined ? { size } : {}), count: 1, pricing })
  }
  return [...groups.values()].sort((a, b) => compare(a.type, b.type) || compare(a.size ?? '', b.size ?? ''))
}

/** "AWS::EC2::Instance (t3.micro) × 2"; a missing type reads as such. */
export function groupItem(g: PricedGroup): string {
  const type = g.type.trim() === '' ? '(type not reported)' : g.type
  return `${type}${g.size !== undefined ? ` (${g.size})` : ''} × ${g.count}`
}

/** "eu-west-1 price of 2026-10-02", with the caveat when another region's price was used. */
export function pricedAtText(p: PricedAt): string {
  return p.caveat !== undefined ? p.caveat : `${p.region} price of ${p.date}`
}

export type HourlyPricing = Extract<Pricing, { kind: 'hourly' }>

/**
 * A group's cost line (tier e2e): an hourly group metered as `metered` says (its amount and basis), the
 * others as their kind says — usage-priced with the unit price, free, or not priced with the reason.
 */
export function groupCostLine(
  g: PricedGroup,
  metered: (p: HourlyPricing, count: number) => { usd: number; basis: string }
): CostLine {
  const item = groupItem(g)
  const p = g.pricing
  switch (p.kind) {
    case 'hourly': {
      const plus = p.plus !== undefined ? `; + ${p.plus}, not included` : ''
      const m = metered(p, g.count)
      return {
        kind: 'metered',
        tier: 'e2e',
        item,
        usd: m.usd,
        basis: `${m.basis} (${pricedAtText(p)})${plus}`
      }
    }
    case 'usage':
      return { kind: 'usage-priced', tier: 'e2e', item, unitPrice: `${p.unitPrice} (${pricedAtText(p)})` }
    case 'free':
      return { kind: 'free', tier: 'e2e', item }
    case 'not-priced':
      return { kind: 'not-priced', tier: 'e2e', item, reason: p.reason }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
