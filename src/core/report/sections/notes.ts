/** Tier notes (warnings such as "no report found") and tier details (phases, command attempts, facts). */
import { formatDuration } from '../../cost/runner-cost.js'
import { commandAttempts, type TierNote } from '../../results/run.js'
import { codeBlock, codeSpan, escapeInline, truncateText } from '../escape.js'
import { plural } from '../labels.js'
import type { Section } from '../section.js'
import type { ReportView, TierRow } from '../view.js'
import { bullets, DASH, nbsp } from './md.js'

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
  return `${head}\n  <details><summary>${plural(rest.length, 'more line')}</summary>\n\n${indent(log)}\n\n  </details>`
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
    const lines = tierDetails(t)
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

/** A value without spaces (a version, a URL, a stack name) is code; a phrase is prose. */
function factValue(value: string): string {
  return /\s/.test(value.trim())
    ? escapeInline(value, FACT_MAX_CHARS)
    : codeSpan(value, { maxChars: FACT_MAX_CHARS })
}

function tierDetails(row: TierRow): string[] {
  const run = row.run
  const lines: string[] = []
  if (row.timing.setupMs > 0 || row.timing.teardownMs > 0) {
    const t = (label: string, ms: number) => `${label} ${ms > 0 ? nbsp(formatDuration(ms)) : DASH}`
    lines.push(
      `Time: ${[t('setup', row.timing.setupMs), t('tests', row.timing.testMs), t('teardown', row.timing.teardownMs)].join(' · ')}`
    )
  }
  for (const kind of ['setup', 'teardown'] as const) {
    const phases = run.phases.filter((p) => p.kind === kind)
    if (phases.length === 0) continue
    const text = phases
      .map((p) => {
        const detail = p.detail !== undefined ? ` (${escapeInline(p.detail, FACT_MAX_CHARS)})` : ''
        return `${p.ok ? '✅' : '❌'} ${escapeInline(p.name, FACT_MAX_CHARS)} ${nbsp(formatDuration(p.durationMs))}${detail}`
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
        return `attempt ${a.attempt}: ${end}${scope}, ${nbsp(formatDuration(a.durationMs))}`
      })
      .join(' → ')
    lines.push(`Command attempts: ${text}`)
  }
  for (const [key, value] of Object.entries(run.facts)) {
    lines.push(`${escapeInline(key, FACT_MAX_CHARS)}: ${factValue(value)}`)
  }
  return lines
}
