/** Tier notes (warnings such as "no report found") and tier details (phases, command attempts, facts). */
import { formatDuration } from '../../cost/runner-cost.js'
import type { TierNote, TierRun } from '../../results/run.js'
import { codeSpan, escapeInline } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { bullets } from './md.js'

export const NOTE_ICON: Record<TierNote['level'], string> = { info: 'ℹ️', warning: '⚠️', error: '❌' }
const NOTE_MAX_CHARS = 1000
const FACT_MAX_CHARS = 300

export function notesSection(view: ReportView): Section | undefined {
  const items = view.tiers.flatMap((t) =>
    t.run.notes.map((n) => `${NOTE_ICON[n.level]} **${t.run.tier}**: ${escapeInline(n.text, NOTE_MAX_CHARS)}`)
  )
  if (items.length === 0) return undefined
  return { id: 'notes', title: 'tier notes', dropOrder: 2, markdown: `### Notes\n\n${bullets(items)}` }
}

export function detailsSection(view: ReportView): Section | undefined {
  const blocks = view.tiers.flatMap((t) => {
    const lines = tierDetails(t.run)
    return lines.length > 0 ? [`**${t.run.tier}**\n\n${bullets(lines)}`] : []
  })
  if (blocks.length === 0) return undefined
  return {
    id: 'details',
    title: 'tier details',
    dropOrder: 5,
    markdown: `### Tier details\n\n${blocks.join('\n\n')}`
  }
}

function tierDetails(run: TierRun): string[] {
  const lines: string[] = []
  for (const kind of ['setup', 'teardown'] as const) {
    const phases = run.phases.filter((p) => p.kind === kind)
    if (phases.length === 0) continue
    const text = phases
      .map((p) => {
        const detail = p.detail !== undefined ? ` (${escapeInline(p.detail, FACT_MAX_CHARS)})` : ''
        return `${p.ok ? '✅' : '❌'} ${escapeInline(p.name, FACT_MAX_CHARS)} ${formatDuration(p.durationMs)}${detail}`
      })
      .join(' · ')
    lines.push(`${kind === 'setup' ? 'Setup' : 'Teardown'}: ${text}`)
  }
  if (run.attempts.length > 1 || run.attempts.some((a) => a.exitCode !== 0)) {
    const text = run.attempts
      .map((a) => {
        const end = a.signal !== undefined ? `signal ${escapeInline(a.signal)}` : `exit ${a.exitCode ?? '?'}`
        const scope = a.scope === 'failed-only' ? ', failed tests only' : ''
        return `attempt ${a.attempt}: ${end}${scope}, ${formatDuration(a.durationMs)}`
      })
      .join(' → ')
    lines.push(`Command attempts: ${text}`)
  }
  for (const [key, value] of Object.entries(run.facts)) {
    lines.push(`${escapeInline(key, FACT_MAX_CHARS)}: ${codeSpan(value, { maxChars: FACT_MAX_CHARS })}`)
  }
  return lines
}
