/**
 * Runner time per tier when tiers overlap in one job: the job pays for its wall time once, so each tier
 * is charged only for the time it added — from its first phase (or the end of what was charged before,
 * whichever is later) to its end. Tiers are charged in the order they ended; the charges add up to the
 * time the union of the spans covers. Pure.
 */
import type { Tier } from '../results/model.js'

export interface TierSpan {
  tier: Tier
  /** When the tier's first phase started and its last ended (ms on the job's clock). */
  startMs: number
  endMs: number
}

export function chargeRunnerTime(spans: readonly TierSpan[]): Map<Tier, number> {
  const charged = new Map<Tier, number>()
  let until = Number.NEGATIVE_INFINITY
  for (const s of [...spans].sort((a, b) => a.endMs - b.endMs)) {
    const from = Math.max(s.startMs, until)
    charged.set(s.tier, (charged.get(s.tier) ?? 0) + Math.max(0, s.endMs - from))
    until = Math.max(until, s.endMs)
  }
  return charged
}
