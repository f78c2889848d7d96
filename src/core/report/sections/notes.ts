/** Tier notes (warnings such as "no report found") and tier details (phases, command attempts, facts). */
import { formatDuration } from '../../cost/runner-cost.js'
import { commandAttempts, type TierNote, type TierRun } from '../../results/run.js'
import { codeBlock, codeSpan, escapeInline, truncateText } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { bullets } from './md.js'

export const NOTE_ICON: Record<TierNote['level'], string> = { info: 'ℹ️', warning: '⚠️', error: '❌' }
const NOTE_MAX_CHARS = 1000
const FACT_MAX_CHARS = 300

const NOTE_LOG_CHARS = 8000

/** A note of several lines (a container log, a command's output) shows its first line and folds the rest. */
function noteItem(tier: string, n: TierNote): string {
  const [first = '', ...rest] = n.text.split('\n')
  const head = `${NOTE_ICON[n.level]} **${tier}**: ${escapeInline(first, NOTE_MAX_CHARS)}`
  if (rest.join('').trim() === '') return head
  const log = codeBlock(truncateText(rest.join('\n'), NOTE_LOG_CHARS))
  return `${head}\n  <details><summary>${rest.length} line(s)</summary>\n\n${indent(log)}\n\n  </details>`
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')
}

export function notesSection(view: ReportView): Section | undefined {
  const items = view.tiers.flatMap((t) => t.run.notes.map((n) => noteItem(t.run.tier, n)))
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
  const attempts = commandAttempts(run)
  if (attempts.length > 1 || attempts.some((a) => a.exitCode !== 0)) {
    const text = attempts
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
