/**
 * The e2e stack's cost estimate: its resources × its lifetime, priced from the shipped price table.
 * Hourly resources are billed by the started hour; request-priced ones are "usage-priced" with the unit
 * price. Pure: the table is passed in (parsed by parsePriceTable from the shipped JSON or an override).
 */
import type { CostLine, StackResource } from '../results/report.js'

export type ResourcePrice =
  | { kind: 'hourly'; usdPerHour: number; unit?: string }
  | { kind: 'usage'; unitPrice: string }
  | { kind: 'free' }

export interface PriceTable {
  region: string
  date: string
  source: string
  regionMultipliers: Record<string, number>
  resources: Record<string, ResourcePrice>
}

/** Validates a price table's JSON (shipped or an override file); throws naming the bad entry. */
export function parsePriceTable(json: unknown, origin: string): PriceTable {
  const fail = (why: string): never => {
    throw new Error(`Price table ${origin} is invalid: ${why}. Fix the file (see prices/aws-us-east-1.json).`)
  }
  if (!json || typeof json !== 'object') return fail('it is not a JSON object')
  const t = json as Record<string, unknown>
  for (const k of ['region', 'date', 'source'] as const)
    if (typeof t[k] !== 'string') fail(`"${k}" must be a string`)
  const resources = t.resources
  if (!resources || typeof resources !== 'object') return fail('"resources" must be an object')
  for (const [type, p] of Object.entries(resources as Record<string, unknown>)) {
    const price = p as Record<string, unknown>
    const ok =
      (price?.kind === 'hourly' && typeof price.usdPerHour === 'number' && price.usdPerHour >= 0) ||
      (price?.kind === 'usage' && typeof price.unitPrice === 'string') ||
      price?.kind === 'free'
    if (!ok) fail(`resource "${type}" needs kind hourly (usdPerHour), usage (unitPrice) or free`)
  }
  const multipliers = (t.regionMultipliers ?? {}) as Record<string, unknown>
  for (const [r, m] of Object.entries(multipliers))
    if (typeof m !== 'number') fail(`regionMultipliers.${r} must be a number`)
  return {
    region: t.region as string,
    date: t.date as string,
    source: t.source as string,
    regionMultipliers: multipliers as Record<string, number>,
    resources: resources as Record<string, ResourcePrice>
  }
}

/** Started hours of a lifetime: 1 ms → 1 hour, 60 min → 1 hour, 61 min → 2 hours. */
export function startedHours(lifetimeMs: number): number {
  return Math.max(1, Math.ceil(lifetimeMs / 3_600_000))
}

/**
 * Cost lines for the stack's resources over its lifetime (deploy start → destroy confirmed). One line per
 * resource type; free types are left out; unknown types get a line with usd null saying they are not priced.
 */
export function estimateStackCost(
  resources: readonly Pick<StackResource, 'type'>[],
  lifetimeMs: number,
  table: PriceTable,
  region: string
): CostLine[] {
  const counts = new Map<string, number>()
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1)
  const hours = startedHours(lifetimeMs)
  const multiplier = region === table.region ? 1 : table.regionMultipliers[region]
  const lines: CostLine[] = []
  for (const [type, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const price = table.resources[type]
    const item = `${type} × ${count}`
    if (!price) {
      lines.push({ tier: 'e2e', item, usd: null, note: 'not in the price table: not priced' })
    } else if (price.kind === 'hourly') {
      const usd = round6(count * hours * price.usdPerHour * (multiplier ?? 1))
      const where =
        multiplier === undefined ? `; ${table.region} price (no multiplier known for ${region})` : ''
      lines.push({
        tier: 'e2e',
        item,
        usd,
        note: `${hours} started hour(s) × $${price.usdPerHour}/${price.unit ?? 'hour'}${where}`
      })
    } else if (price.kind === 'usage') {
      lines.push({ tier: 'e2e', item, usd: null, note: `usage-priced: ${price.unitPrice}` })
    }
  }
  return lines
}

/** The sum of the priced lines (usage-priced lines count as 0 and are shown separately). */
export function stackCostUsd(lines: readonly CostLine[]): number {
  return round6(lines.reduce((s, l) => s + (l.usd ?? 0), 0))
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
