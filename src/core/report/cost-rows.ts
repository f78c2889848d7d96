/**
 * The cost breakdown as rows every renderer shows (summary, terminal, comment): one row per line,
 * the four kinds told apart by their amount cell (an amount, "usage-priced", "free", "not priced"),
 * a tier's free lines gathered in one row, and the notes that explain the total. Plain untrusted
 * text: each renderer escapes it for its medium. Pure.
 */
import { minutesText } from '../cost/run-cost.js'
import { formatUsd } from '../cost/runner-cost.js'
import type { CostKind, CostLine } from '../results/report.js'
import { TIER_ORDER, type Tier } from '../results/model.js'
import type { ReportView } from './view.js'

export interface CostRow {
  tier: Tier
  kind: CostKind
  /** "$0.0450", "usage-priced", "free" or "not priced". */
  amount: string
  item: string
  /** The basis of an amount, the unit prices, or why it is not priced. */
  detail?: string
}

export const COST_KIND_WORD: Record<Exclude<CostKind, 'metered'>, string> = {
  'usage-priced': 'usage-priced',
  free: 'free',
  'not-priced': 'not priced'
}

export function costRows(lines: readonly CostLine[]): CostRow[] {
  const rows: CostRow[] = []
  for (const tier of TIER_ORDER) {
    const own = lines.filter((l) => l.tier === tier)
    const free = own.filter((l) => l.kind === 'free')
    for (const l of own) {
      if (l.kind === 'free') {
        if (l === free[0])
          rows.push({
            tier,
            kind: 'free',
            amount: COST_KIND_WORD.free,
            item: free.map((f) => f.item).join(', ')
          })
        continue
      }
      rows.push(row(l))
    }
  }
  return rows
}

function row(l: Exclude<CostLine, { kind: 'free' }>): CostRow {
  switch (l.kind) {
    case 'metered':
      return { tier: l.tier, kind: l.kind, amount: formatUsd(l.usd), item: l.item, detail: l.basis }
    case 'usage-priced':
      return { tier: l.tier, kind: l.kind, amount: COST_KIND_WORD[l.kind], item: l.item, detail: l.unitPrice }
    case 'not-priced':
      return { tier: l.tier, kind: l.kind, amount: COST_KIND_WORD[l.kind], item: l.item, detail: l.reason }
  }
}

/** How many lines of each unpriced kind there are, e.g. "2 usage-priced, 5 free, 1 not priced". */
export function unpricedCounts(lines: readonly CostLine[]): string | undefined {
  const parts = (['usage-priced', 'free', 'not-priced'] as const)
    .map((k) => [lines.filter((l) => l.kind === k).length, COST_KIND_WORD[k]] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
  return parts.length > 0 ? parts.join(', ') : undefined
}

/** What the total is: runner minutes as billed, what is left out, the price table's date. */
export function costNotes(view: Pick<ReportView, 'cost' | 'stacks'>): string[] {
  const notes: string[] = []
  const jobs = view.cost.jobs.filter((j) => j.usdPerMinute > 0 && j.usedMs > 0)
  if (jobs.length > 0) {
    const used = jobs.reduce((s, j) => s + j.usedMs, 0)
    const billed = jobs.reduce((s, j) => s + j.billedMinutes, 0)
    const count = jobs.length === 1 ? 'one job' : `${jobs.length} jobs`
    notes.push(
      `Runner time as GitHub bills it: ${minutesText(used)} used in ${count}, billed ${billed} min (each job is rounded up to whole minutes; time outside this action's steps is not counted).`
    )
  }
  if (view.cost.lines.some((l) => l.kind === 'usage-priced'))
    notes.push(
      'Usage-priced lines depend on requests and data: their unit prices are shown, they are not in the total.'
    )
  if (view.cost.lines.some((l) => l.kind === 'not-priced'))
    notes.push('Not-priced lines are not in the total: add their prices with prices-file.')
  const prices = view.stacks?.prices
  if (prices !== undefined)
    notes.push(`AWS list prices from the price table of ${prices.date} (${prices.origins.join(', ')}).`)
  return notes
}
