/**
 * The run's timeline for a terminal: one row per tier, each timed phase drawn over the columns of its
 * time span — █ on the critical path, ▓ on it and ahead of the tier's turn, ▒ ahead of its turn (while
 * the lower tiers ran), ░ the rest. Pure.
 */
import { formatDuration } from '../cost/runner-cost.js'
import { TIER_ORDER } from '../results/model.js'
import { clock } from './sections/timeline.js'
import type { TimelineBar, TimelineView } from './timeline.js'

const LABEL = 13

function glyph(b: TimelineBar): string {
  if (b.critical) return b.ahead ? '▓' : '█'
  return b.ahead ? '▒' : '░'
}

export function timelineLines(t: TimelineView, width: number): string[] {
  const columns = Math.max(10, width - LABEL - 4)
  const at = (ms: number) => Math.min(columns - 1, Math.floor((ms / Math.max(1, t.spanMs)) * columns))
  const rows = TIER_ORDER.flatMap((tier) => {
    const bars = t.bars.filter((b) => b.tier === tier)
    if (bars.length === 0) return []
    const cells = Array.from({ length: columns }, () => ' ')
    for (const b of bars)
      for (let c = at(b.startMs); c <= at(Math.max(b.startMs, b.endMs - 1)); c++) cells[c] = glyph(b)
    return [`${tier.padEnd(LABEL)}${cells.join('').trimEnd()}`]
  })
  const busy = t.bars.reduce((s, b) => s + (b.endMs - b.startMs), 0)
  const overlap =
    busy > t.spanMs && t.bars.some((b) => b.ahead)
      ? `; the phases add up to ${formatDuration(busy)}, overlapped they took ${formatDuration(t.spanMs)}`
      : ''
  return [
    `0:00 → ${clock(t.spanMs)}${overlap}`,
    ...rows,
    '█ critical path · ▓ critical, ahead of its turn · ▒ ahead of its turn · ░ other'
  ]
}
