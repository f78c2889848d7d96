/**
 * The run's timeline: every timed phase and command attempt of each tier as a bar on the job's clock,
 * so that overlap (work done ahead of a tier's turn, while lower tiers ran) and the critical path (the
 * chain of bars the run waited on) can be drawn. Derived from the phases' and attempts' start times;
 * reports written before those were kept have no timeline. Pure.
 */
import { TIER_ORDER, type Tier } from '../results/model.js'
import { commandAttempts, type TierRun } from '../results/run.js'

/** Bars kept: a run has a handful per tier; merged reports of many jobs are cut here. */
export const TIMELINE_BARS_KEPT = 60
/** Two bars closer than this are one after the other (timestamps come from separate clock reads). */
const TOUCH_MS = 250

export interface TimelineBar {
  tier: Tier
  /** The phase's name ("pull", "synth", "deploy", "destroy"…), or "tests" (with the attempt after the first). */
  label: string
  kind: 'setup' | 'test' | 'teardown'
  /** Milliseconds from the start of the timeline. */
  startMs: number
  endMs: number
  ok: boolean
  /** Started before the tier's turn: while the tiers below it still ran their tests. */
  ahead: boolean
  /** On the chain of bars the run waited on, from the first bar to the one that ended last. */
  critical: boolean
}

export interface TimelineView {
  /** Epoch ms of the timeline's zero: the earliest bar. */
  startedAt: number
  /** From the first bar's start to the last bar's end. */
  spanMs: number
  bars: TimelineBar[]
  /** Bars left out (beyond TIMELINE_BARS_KEPT). */
  omitted: number
}

interface RawBar {
  tier: Tier
  label: string
  kind: TimelineBar['kind']
  start: number
  end: number
  ok: boolean
}

function rawBars(t: TierRun): RawBar[] {
  const bars: RawBar[] = []
  for (const p of t.phases) {
    if (p.startedAt === undefined) continue
    bars.push({
      tier: t.tier,
      label: p.name,
      kind: p.kind,
      start: p.startedAt,
      end: p.startedAt + p.durationMs,
      ok: p.ok
    })
  }
  for (const a of commandAttempts(t)) {
    if (a.startedAt === undefined) continue
    bars.push({
      tier: t.tier,
      label: a.attempt === 1 ? 'tests' : `tests (attempt ${a.attempt})`,
      kind: 'test',
      start: a.startedAt,
      end: a.startedAt + a.durationMs,
      ok: a.exitCode === 0
    })
  }
  return bars
}

/** The timeline of the tiers' timed phases; undefined when nothing was timed. */
export function timelineOf(tiers: readonly TierRun[]): TimelineView | undefined {
  const all = TIER_ORDER.flatMap((tier) =>
    tiers.filter((t) => t.tier === tier).flatMap((t) => rawBars(t).sort((a, b) => a.start - b.start))
  )
  if (all.length === 0) return undefined
  const kept = all.slice(0, TIMELINE_BARS_KEPT)
  const zero = Math.min(...kept.map((b) => b.start))
  const ahead = kept.map((b) => b.start + TOUCH_MS < turnOf(b.tier, kept))
  const critical = criticalPath(kept, ahead)
  const bars = kept.map((b, i) => ({
    tier: b.tier,
    label: b.label,
    kind: b.kind,
    startMs: b.start - zero,
    endMs: b.end - zero,
    ok: b.ok,
    ahead: ahead[i]!,
    critical: critical.has(i)
  }))
  return {
    startedAt: zero,
    spanMs: Math.max(...bars.map((b) => b.endMs)),
    bars,
    omitted: all.length - kept.length
  }
}

/** When a tier's turn came: the end of the tests of the tiers below it (its own start when none ran). */
function turnOf(tier: Tier, bars: readonly RawBar[]): number {
  const below = TIER_ORDER.slice(0, TIER_ORDER.indexOf(tier))
  const ends = bars.filter((b) => b.kind === 'test' && below.includes(b.tier)).map((b) => b.end)
  return ends.length > 0 ? Math.max(...ends) : Number.NEGATIVE_INFINITY
}

/**
 * What each bar waited on: the bar before it in its tier, and — for the first bar of the tier's turn —
 * the last bar of the tiers below it. Back from the bar that ended last, each step takes the one of those
 * that ended last, until a bar waited on nothing.
 */
function criticalPath(bars: readonly RawBar[], ahead: readonly boolean[]): Set<number> {
  const predecessors = (i: number): number[] => {
    const b = bars[i]!
    const before = bars.map((_, j) => j).filter((j) => bars[j]!.tier === b.tier && bars[j]!.start < b.start)
    const previous = before.at(-1)
    const out = previous !== undefined ? [previous] : []
    if (!ahead[i] && (previous === undefined || ahead[previous])) {
      const below = TIER_ORDER.slice(0, TIER_ORDER.indexOf(b.tier))
      const lower = bars
        .map((_, j) => j)
        .filter((j) => below.includes(bars[j]!.tier) && bars[j]!.end <= b.start + TOUCH_MS)
      const last = latest(bars, lower)
      if (last !== undefined) out.push(last)
    }
    return out
  }
  const on = new Set<number>()
  let current = latest(
    bars,
    bars.map((_, i) => i)
  )
  while (current !== undefined && !on.has(current)) {
    on.add(current)
    current = latest(bars, predecessors(current))
  }
  return on
}

/** The bar that ended last (the later start among equals). */
function latest(bars: readonly RawBar[], candidates: readonly number[]): number | undefined {
  return candidates.reduce<number | undefined>((best, i) => {
    if (best === undefined) return i
    const [b, c] = [bars[best]!, bars[i]!]
    return c.end > b.end || (c.end === b.end && c.start > b.start) ? i : best
  }, undefined)
}
