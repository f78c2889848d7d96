/**
 * Money and time as every report writes them, and runner time priced in fractional minutes. Pure.
 *
 * Amounts are kept in whole hundredths of a cent ($0.0001): every cost line is rounded to that unit
 * once, and every total is the sum of its rounded lines, so the rows shown always add up to the total
 * shown. GitHub bills each job in whole minutes; see run-cost.ts for the rounding to whole minutes.
 */
import { thousands } from '../thousands.js'

/** Cost in USD of `durationMs` of runner time at `pricePerMinute` USD, in fractional minutes (an estimate). */
export function runnerCostUsd(durationMs: number, pricePerMinute: number): number {
  if (!Number.isFinite(durationMs) || durationMs <= 0) return 0
  if (!Number.isFinite(pricePerMinute) || pricePerMinute <= 0) return 0
  return (durationMs / 60_000) * pricePerMinute
}

const UNITS_PER_USD = 10_000

/** The amount rounded to the unit reports show ($0.0001), half away from zero. */
export function roundUsd(usd: number): number {
  if (!Number.isFinite(usd)) return 0
  // 0.00015 × 10,000 is 1.4999999999999998 in floats: round the units at 12 significant digits first.
  const units = Number((Math.abs(usd) * UNITS_PER_USD).toPrecision(12))
  return (Math.sign(usd) * Math.round(units)) / UNITS_PER_USD
}

/** The sum of amounts already rounded with roundUsd, computed in whole units (no float drift). */
export function sumUsd(amounts: readonly number[]): number {
  return amounts.reduce((units, usd) => units + Math.round(usd * UNITS_PER_USD), 0) / UNITS_PER_USD
}

/**
 * USD as reports show it: "$0.00" for zero, otherwise four decimals ("$0.0123", "$12.3456"), the unit
 * every cost line is rounded to, so shown rows add up to the shown total; thousands separated.
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '$?'
  const rounded = roundUsd(usd)
  if (rounded === 0) return '$0.00'
  const sign = rounded < 0 ? '-' : ''
  const [whole, fraction] = Math.abs(rounded).toFixed(4).split('.')
  return `${sign}$${thousands(Number(whole))}.${fraction}`
}

/** A unit price as the table gives it: "$0.045/hour", "$0.006/min" (not rounded: it is a rate). */
export function formatRate(usd: number, per: string): string {
  return `$${Number(usd.toPrecision(6)).toString()}/${per}`
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
