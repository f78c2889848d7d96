/**
 * Runner cost of a tier and the number formats every report uses (USD, durations). Pure.
 *
 * The cost is an ESTIMATE: it prices the tier's wall-clock time in fractional minutes. GitHub bills each
 * job in whole minutes (rounded up), for the whole job, so the bill for a job is at least the sum of its
 * tiers' estimates rounded up to the next minute. Labels in reports say "estimate" for that reason.
 */

/** Cost in USD of `durationMs` of runner time at `pricePerMinute` USD, in fractional minutes (an estimate). */
export function runnerCostUsd(durationMs: number, pricePerMinute: number): number {
  if (!Number.isFinite(durationMs) || durationMs <= 0) return 0
  if (!Number.isFinite(pricePerMinute) || pricePerMinute <= 0) return 0
  return (durationMs / 60_000) * pricePerMinute
}

/** The label reports put next to runner costs. */
export const RUNNER_COST_BASIS = 'estimate from fractional runner minutes; GitHub bills whole minutes per job'

/**
 * USD with enough precision for runner minutes: "$0.00" for zero, "<$0.0001" for dust, four decimals
 * under a dollar ("$0.0123"), two from a dollar on ("$12.35").
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '$?'
  const sign = usd < 0 ? '-' : ''
  const abs = Math.abs(usd)
  if (abs === 0) return '$0.00'
  if (abs < 0.0001) return `${sign}<$0.0001`
  if (abs < 1) return `${sign}$${abs.toFixed(4)}`
  return `${sign}$${abs.toFixed(2)}`
}

/**
 * A duration for humans, always "<number> <unit>" pairs: "850 ms", "4.2 s", "42 s", "1 min 05 s",
 * "2 h 03 min". Negative or non-finite input (a clock that went backwards, a missing timestamp) prints as
 * "0 ms". Markdown renderers join the pairs with non-breaking spaces (see `nbsp`) so a unit never wraps.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 ms'
  if (ms < 999.5) return `${Math.round(ms)} ms`
  if (ms < 9_950) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`
  const totalSeconds = Math.round(ms / 1000)
  if (totalSeconds < 60) return `${totalSeconds} s`
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} min ${pad2(totalSeconds % 60)} s`
  const totalMinutes = Math.round(ms / 60_000)
  return `${Math.floor(totalMinutes / 60)} h ${pad2(totalMinutes % 60)} min`
}

function pad2(n: number): string {
  return n.toString().padStart(2, '0')
}
