/**
 * The run's timeline as a mermaid gantt chart (GitHub renders it): one section per tier, one bar per
 * timed phase and command attempt, the critical path (what the run waited on) in red, work done ahead
 * of a tier's turn (while the lower tiers ran) in purple, the rest in blue — each colour at least 3:1
 * against GitHub's light and dark backgrounds. The compact form is one line per tier with the bars'
 * times. Labels are the action's own phase names, never untrusted text. Pure.
 */
import { formatDuration } from '../../cost/runner-cost.js'
import { TIER_ORDER } from '../../results/model.js'
import type { Section } from '../section.js'
import type { TimelineBar, TimelineView } from '../timeline.js'
import { bullets, count, nbsp } from './md.js'

/** GitHub's blue, purple and red (test/visual checks the contrast of what was drawn). */
export const TIMELINE_COLORS = { task: '#0969da', ahead: '#8250df', critical: '#cf222e' } as const

/** A grey at least 4:1 against both #ffffff and #0d1117. */
const OUTSIDE_TEXT = '#6e7781'

const THEME = {
  themeVariables: {
    taskBkgColor: TIMELINE_COLORS.task,
    taskBorderColor: TIMELINE_COLORS.task,
    activeTaskBkgColor: TIMELINE_COLORS.ahead,
    activeTaskBorderColor: TIMELINE_COLORS.ahead,
    critBkgColor: TIMELINE_COLORS.critical,
    critBorderColor: TIMELINE_COLORS.critical,
    taskTextColor: '#ffffff',
    taskTextLightColor: '#ffffff',
    taskTextDarkColor: '#ffffff',
    taskTextOutsideColor: OUTSIDE_TEXT
  },
  // mermaid colours the label of a short ahead or critical bar, drawn beside it, like one inside a bar
  // (white): beside the bar it sits on the page, so it takes the grey that reads on both backgrounds.
  themeCSS: `text.taskTextOutsideRight, text.taskTextOutsideLeft { fill: ${OUTSIDE_TEXT} !important; }`,
  gantt: { barHeight: 18, barGap: 4, topPadding: 40, leftPadding: 90, fontSize: 12, sectionFontSize: 12 }
}

export function timelineSection(timeline: TimelineView | undefined): Section | undefined {
  if (timeline === undefined) return undefined
  const lines = [
    `%%{init: ${JSON.stringify(THEME)}}%%`,
    'gantt',
    '    dateFormat x',
    '    axisFormat %H:%M:%S',
    '    todayMarker off'
  ]
  for (const tier of TIER_ORDER) {
    const bars = timeline.bars.filter((b) => b.tier === tier)
    if (bars.length === 0) continue
    lines.push(`    section ${tier}`)
    for (const b of bars) {
      const tags = [b.critical ? 'crit' : '', b.ahead ? 'active' : ''].filter((t) => t !== '')
      const start = timeline.startedAt + b.startMs
      // A bar shorter than a millisecond would not be drawn at all.
      const end = timeline.startedAt + Math.max(b.endMs, b.startMs + 1)
      lines.push(`    ${label(b)} :${tags.map((t) => `${t}, `).join('')}${start}, ${end}`)
    }
  }
  const chart = ['```mermaid', ...lines, '```'].join('\n')
  return {
    id: 'timeline',
    title: 'timeline',
    dropOrder: 5,
    markdown: `### 🕒 Timeline\n\n${chart}\n\n${legend(timeline)}`,
    compact: `### 🕒 Timeline\n\n${bullets(compactLines(timeline))}\n\n${legend(timeline)}`
  }
}

/** "deploy (ahead)", "tests (attempt 2)": the action's own words, with gantt's separators taken out. */
function label(b: TimelineBar): string {
  const text = `${b.label}${b.ok ? '' : ' (failed)'}${b.ahead ? ' (ahead)' : ''}`
  return text.replace(/[:;#]/g, ' ')
}

function legend(t: TimelineView): string {
  const ahead = t.bars.filter((b) => b.ahead)
  const busy = t.bars.reduce((s, b) => s + (b.endMs - b.startMs), 0)
  const parts = [
    'Clock time of the runner. Red: the critical path, what the run waited on (outlined red where it ran ahead); purple: ahead of the tier’s turn, while the lower tiers ran; blue: the rest.'
  ]
  if (ahead.length > 0 && busy > t.spanMs) {
    parts.push(
      `The phases add up to ${nbsp(formatDuration(busy))}; overlapped, they took ${nbsp(formatDuration(t.spanMs))}.`
    )
  }
  if (t.omitted > 0) parts.push(`${count(t.omitted)} more bars left out.`)
  return `<sub>${parts.join(' ')}</sub>`
}

/** "**unit**: tests 0:00–0:40 · …" — critical bars in bold, times from the first bar. */
function compactLines(t: TimelineView): string[] {
  return TIER_ORDER.flatMap((tier) => {
    const bars = t.bars.filter((b) => b.tier === tier)
    if (bars.length === 0) return []
    const items = bars.map((b) => {
      const text = `${label(b)} ${clock(b.startMs)}–${clock(b.endMs)}`
      return b.critical ? `**${text}**` : text
    })
    return [`**${tier}**: ${items.join(' · ')}`]
  })
}

/** "m:ss" (or "h:mm:ss") from the timeline's start. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = (total % 60).toString().padStart(2, '0')
  return h > 0 ? `${h}:${m.toString().padStart(2, '0')}:${s}` : `${m}:${s}`
}
