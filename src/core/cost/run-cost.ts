/**
 * What a run cost, derived from what was measured, never stored: per tier its runner time in
 * fractional minutes × its job's price, then per job the rounding up to whole minutes (GitHub bills
 * each job in whole minutes, rounded up), then the stack's cost lines. The rounding of a job is a line
 * of the job's last tier in pyramid order: the job's last started minute ends there. Every line is
 * rounded to $0.0001 once and every total is the sum of its lines, so the rows add up — per tier and
 * in all. Pure.
 */
import { TIER_ORDER, type Tier } from '../results/model.js'
import type { CostLine, RunReport } from '../results/report.js'
import { tierRan, type RunnerTime, type TierRun } from '../results/run.js'
import { formatRate, roundUsd, runnerCostUsd, sumUsd } from './runner-cost.js'

export interface JobBilling {
  /** The job key ('' for a report that did not name its job). */
  job: string
  usedMs: number
  billedMinutes: number
  usdPerMinute: number
}

export interface CostBreakdown {
  /** Every line, tier by tier in pyramid order: runner time, whole-minute rounding, resources. */
  lines: CostLine[]
  /** The resources' lines alone (the e2e stack's). */
  resources: CostLine[]
  /** Per tier that has lines, the sum of its metered lines. */
  tierUsd: Partial<Record<Tier, number>>
  totalUsd: number
  jobs: JobBilling[]
}

type Costed = Pick<RunReport, 'tiers' | 'costLines'>

export function costBreakdown(report: Costed): CostBreakdown {
  // Tiers that ran, and those that took runner time without running (prepared ahead, then torn down).
  const ran = report.tiers.filter((t) => tierRan(t) || t.runnerTime.length > 0)
  const jobs = jobBilling(ran)
  const lines: CostLine[] = []
  for (const tier of TIER_ORDER) {
    const runs = ran.filter((t) => t.tier === tier)
    if (runs.length > 0)
      lines.push(
        runnerLine(
          tier,
          runs.flatMap((t) => t.runnerTime)
        )
      )
    for (const j of jobs.filter((b) => lastTierOf(ran, b.job) === tier)) {
      const rounding = roundingLine(tier, j)
      if (rounding) lines.push(rounding)
    }
    lines.push(...report.costLines.filter((l) => l.tier === tier))
  }
  const tierUsd: Partial<Record<Tier, number>> = {}
  for (const tier of TIER_ORDER) {
    const own = lines.filter((l) => l.tier === tier)
    if (own.length > 0) tierUsd[tier] = meteredSum(own)
  }
  return { lines, resources: report.costLines, tierUsd, totalUsd: meteredSum(lines), jobs }
}

/** The run's cost: the sum of every metered line (runner minutes as billed, hourly resources). */
export function runCostUsd(report: Costed): number {
  return costBreakdown(report).totalUsd
}

export function meteredSum(lines: readonly CostLine[]): number {
  return sumUsd(lines.map((l) => (l.kind === 'metered' ? l.usd : 0)))
}

/** "2.35 min": runner time as GitHub counts it, in minutes. */
export function minutesText(ms: number): string {
  return `${(ms / 60_000).toFixed(2)} min`
}

function runnerLine(tier: Tier, times: readonly RunnerTime[]): CostLine {
  const usedMs = times.reduce((s, r) => s + Math.max(0, r.wallMs), 0)
  const prices = [...new Set(times.map((r) => r.usdPerMinute))]
  const item = times.length > 1 ? `runner time (${times.length} jobs)` : 'runner time'
  if (prices.every((p) => p <= 0)) return { kind: 'free', tier, item: `${item}, not billed (price 0/min)` }
  const rate = prices.length === 1 ? ` × ${formatRate(prices[0]!, 'min')}` : ' at each job’s price'
  return {
    kind: 'metered',
    tier,
    item,
    usd: roundUsd(times.reduce((s, r) => s + runnerCostUsd(r.wallMs, r.usdPerMinute), 0)),
    basis: `${minutesText(usedMs)}${rate}`
  }
}

function roundingLine(tier: Tier, j: JobBilling): CostLine | undefined {
  if (j.usdPerMinute <= 0 || j.usedMs <= 0) return undefined
  const usd = roundUsd((j.billedMinutes - j.usedMs / 60_000) * j.usdPerMinute)
  const job = j.job === '' ? 'the job' : `job ${j.job}`
  return {
    kind: 'metered',
    tier,
    item: 'whole-minute rounding',
    usd,
    basis: `${job} used ${minutesText(j.usedMs)}, billed ${j.billedMinutes} min × ${formatRate(j.usdPerMinute, 'min')}`
  }
}

/** Per job, its runner time over all its tiers and the whole minutes GitHub bills for it. */
export function jobBilling(tiers: readonly Pick<TierRun, 'runnerTime'>[]): JobBilling[] {
  const jobs = new Map<string, JobBilling>()
  for (const r of tiers.flatMap((t) => t.runnerTime)) {
    const key = r.job ?? ''
    const seen = jobs.get(key) ?? { job: key, usedMs: 0, billedMinutes: 0, usdPerMinute: r.usdPerMinute }
    seen.usedMs += Math.max(0, r.wallMs)
    jobs.set(key, seen)
  }
  for (const j of jobs.values()) j.billedMinutes = Math.ceil(j.usedMs / 60_000)
  return [...jobs.values()]
}

function lastTierOf(tiers: readonly TierRun[], job: string): Tier | undefined {
  const withJob = tiers.filter((t) => t.runnerTime.some((r) => (r.job ?? '') === job))
  return [...TIER_ORDER].reverse().find((tier) => withJob.some((t) => t.tier === tier))
}
