/**
 * The AWS price table: per resource type, its kind (hourly, usage-priced, free) and per region its price
 * with the source it was read from and the date it was read. A region whose price could not be confirmed
 * has an entry that says so (`unconfirmed`) instead of a number. The shipped table (prices/aws.json) and
 * a user's `prices-file` have the same shape; `parsePriceTable` checks one and names the entry and the
 * field that are wrong; `withOverrides` lays a user's entries over the shipped ones. Pure.
 */

/** Where a price came from and when it was read. Every entry of the shipped table has both. */
export interface Provenance {
  source: string
  date: string
}

export type RegionPrice<T> = (T & Provenance) | ({ unconfirmed: string } & Provenance)

/** Region code → price; `*` applies to every region without its own entry (for user overrides). */
export type RegionPrices<T> = Record<string, RegionPrice<T>>

export type HourlyPrices = {
  kind: 'hourly'
  /** What one hour is of, e.g. "NAT gateway-hour". */
  unit: string
  /** Usage billed on top that the estimate does not include, e.g. "+ $0.045 per GB processed". */
  plus?: string
} & (
  | { regions: RegionPrices<{ usdPerHour: number }> }
  | {
      /** The template property that selects the price, e.g. InstanceType. */
      sizeProperty: string
      /** The size when the property is absent (CloudFormation's default), if it has one. */
      defaultSize?: string
      sizes: Record<string, RegionPrices<{ usdPerHour: number }>>
    }
)

export type ResourcePrices =
  | HourlyPrices
  | { kind: 'usage'; regions: RegionPrices<{ unitPrice: string }> }
  | ({ kind: 'free' } & Provenance)

export interface PriceTable {
  /** When the table as a whole was last checked: shown in every report. */
  date: string
  /** Files the table came from, shipped first ("prices/aws.json", then a prices-file). */
  origins: string[]
  resources: Record<string, ResourcePrices>
}

/** A price table file that is not valid: `entry` names the resource type, `field` the path inside it. */
export class PriceTableError extends Error {
  constructor(origin: string, entry: string | undefined, field: string, problem: string) {
    const where = entry === undefined ? field : `entry "${entry}", field ${field}`
    super(`Price table ${origin}: ${where} ${problem}.`)
    this.name = 'PriceTableError'
  }
}

interface ParseOptions {
  /** The shipped table must give a source and date everywhere; a user's file may leave them out. */
  requireProvenance: boolean
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Checks a price table's JSON; throws a PriceTableError naming the entry and field that are wrong. */
export function parsePriceTable(json: unknown, origin: string, opts: ParseOptions): PriceTable {
  const top = record(json, origin, undefined, 'the file', 'must be a JSON object')
  const date = top.date
  if (opts.requireProvenance || date !== undefined) {
    if (typeof date !== 'string' || !DATE.test(date))
      throw new PriceTableError(origin, undefined, '"date"', 'must be a date written YYYY-MM-DD')
  }
  const resources = record(top.resources, origin, undefined, '"resources"', 'must be an object')
  const out: Record<string, ResourcePrices> = {}
  for (const [type, value] of Object.entries(resources)) {
    out[type] = parseResource(value, { origin, type, opts, fileDate: typeof date === 'string' ? date : '' })
  }
  return { date: typeof date === 'string' ? date : '', origins: [origin], resources: out }
}

interface EntryContext {
  origin: string
  type: string
  opts: ParseOptions
  fileDate: string
}

function parseResource(value: unknown, ctx: EntryContext): ResourcePrices {
  const fail = (field: string, problem: string): never => {
    throw new PriceTableError(ctx.origin, ctx.type, field, problem)
  }
  const o = record(value, ctx.origin, ctx.type, 'itself', 'must be an object')
  switch (o.kind) {
    case 'free':
      return { kind: 'free', ...provenance(o, ctx, '') }
    case 'usage':
      return {
        kind: 'usage',
        regions: regionPrices(o.regions, ctx, 'regions', (p, field) => {
          if (typeof p.unitPrice !== 'string' || p.unitPrice.trim() === '')
            fail(`${field}.unitPrice`, 'must be the unit prices in words, e.g. "$0.20 per 1M requests"')
          return { unitPrice: p.unitPrice as string }
        })
      }
    case 'hourly': {
      if (typeof o.unit !== 'string' || o.unit === '') fail('unit', 'must say what an hour is of')
      if (o.plus !== undefined && typeof o.plus !== 'string') fail('plus', 'must be a string')
      const hourly = (p: Record<string, unknown>, field: string) => {
        if (typeof p.usdPerHour !== 'number' || !Number.isFinite(p.usdPerHour) || p.usdPerHour < 0)
          fail(`${field}.usdPerHour`, 'must be a number of 0 or more (USD per hour)')
        return { usdPerHour: p.usdPerHour as number }
      }
      const head = {
        kind: 'hourly' as const,
        unit: o.unit as string,
        ...(typeof o.plus === 'string' ? { plus: o.plus } : {})
      }
      if (o.sizes === undefined) return { ...head, regions: regionPrices(o.regions, ctx, 'regions', hourly) }
      if (typeof o.sizeProperty !== 'string' || o.sizeProperty === '')
        fail('sizeProperty', 'must name the template property that selects a size (with "sizes")')
      if (o.defaultSize !== undefined && typeof o.defaultSize !== 'string')
        fail('defaultSize', 'must be a string')
      const sizes = record(o.sizes, ctx.origin, ctx.type, 'sizes', 'must be an object of sizes')
      return {
        ...head,
        sizeProperty: o.sizeProperty as string,
        ...(typeof o.defaultSize === 'string' ? { defaultSize: o.defaultSize } : {}),
        sizes: Object.fromEntries(
          Object.entries(sizes).map(([size, v]) => [size, regionPrices(v, ctx, `sizes["${size}"]`, hourly)])
        )
      }
    }
    default:
      return fail('kind', 'must be "hourly", "usage" or "free"')
  }
}

function regionPrices<T>(
  value: unknown,
  ctx: EntryContext,
  field: string,
  price: (p: Record<string, unknown>, field: string) => T
): RegionPrices<T> {
  const regions = record(value, ctx.origin, ctx.type, field, 'must be an object of region codes')
  const out: RegionPrices<T> = {}
  for (const [region, v] of Object.entries(regions)) {
    const at = `${field}["${region}"]`
    if (region !== '*' && !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region))
      throw new PriceTableError(ctx.origin, ctx.type, at, 'is not a region code such as eu-west-1 (or "*")')
    const p = record(v, ctx.origin, ctx.type, at, 'must be an object')
    const prov = provenance(p, ctx, at)
    if (p.unconfirmed !== undefined) {
      if (typeof p.unconfirmed !== 'string' || p.unconfirmed === '')
        throw new PriceTableError(ctx.origin, ctx.type, `${at}.unconfirmed`, 'must say why there is no price')
      out[region] = { unconfirmed: p.unconfirmed, ...prov }
    } else {
      out[region] = { ...price(p, at), ...prov }
    }
  }
  return out
}

function provenance(o: Record<string, unknown>, ctx: EntryContext, at: string): Provenance {
  const field = (k: string) => (at === '' ? k : `${at}.${k}`)
  for (const k of ['source', 'date'] as const) {
    const v = o[k]
    if (v === undefined && !ctx.opts.requireProvenance) continue
    if (typeof v !== 'string' || v.trim() === '')
      throw new PriceTableError(
        ctx.origin,
        ctx.type,
        field(k),
        `must say ${k === 'source' ? 'where the price was read' : 'when it was read (YYYY-MM-DD)'}`
      )
    if (k === 'date' && !DATE.test(v))
      throw new PriceTableError(ctx.origin, ctx.type, field(k), 'must be a date written YYYY-MM-DD')
  }
  return {
    source: typeof o.source === 'string' ? o.source : ctx.origin,
    date: typeof o.date === 'string' ? o.date : ctx.fileDate
  }
}

function record(
  v: unknown,
  origin: string,
  entry: string | undefined,
  field: string,
  problem: string
): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new PriceTableError(origin, entry, field, problem)
  return v as Record<string, unknown>
}

/**
 * The shipped table with a user's entries laid over it: a type the user defines with another kind (or a
 * free one) replaces the shipped entry; otherwise the user's regions (and sizes) are added to the shipped
 * ones, a region the user gives replacing the shipped price for that region.
 */
export function withOverrides(base: PriceTable, override: PriceTable): PriceTable {
  const resources: Record<string, ResourcePrices> = { ...base.resources }
  for (const [type, mine] of Object.entries(override.resources)) {
    const theirs = resources[type]
    resources[type] = theirs === undefined ? mine : mergeResource(theirs, mine)
  }
  return {
    date: override.date !== '' && override.date > base.date ? override.date : base.date,
    origins: [...base.origins, ...override.origins],
    resources
  }
}

function mergeResource(base: ResourcePrices, mine: ResourcePrices): ResourcePrices {
  if (base.kind === 'usage' && mine.kind === 'usage')
    return { ...mine, regions: { ...base.regions, ...mine.regions } }
  if (base.kind !== 'hourly' || mine.kind !== 'hourly') return mine
  if ('regions' in base && 'regions' in mine)
    return { ...base, ...mine, regions: { ...base.regions, ...mine.regions } }
  if ('sizes' in base && 'sizes' in mine && base.sizeProperty === mine.sizeProperty) {
    const sizes = { ...base.sizes }
    for (const [size, regions] of Object.entries(mine.sizes)) sizes[size] = { ...sizes[size], ...regions }
    return { ...base, ...mine, sizes }
  }
  return mine
}
