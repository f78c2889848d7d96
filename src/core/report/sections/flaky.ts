/** Flaky tests with their evidence: the attempt sequence and where the flake happened. */
import { escapeInline, escapeTableCell } from '../escape.js'
import { FLAKE_SCOPE_LABEL } from '../evidence.js'
import { plural } from '../labels.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { count, table } from './md.js'
import { placeMarkdown } from './place.js'

const COMPACT_SHOWN = 20
const NAME_CHARS = 200

export function flakyPolicy(failOnFlaky: boolean): string {
  return failOnFlaky
    ? 'They fail their tier (`fail-on-flaky: true`).'
    : 'They failed, then passed: their tiers pass (set `fail-on-flaky: true` to fail them).'
}

export function flakySection(view: ReportView): Section | undefined {
  const { total, shown } = view.flaky
  if (total === 0) return undefined
  const heading = `### ⚠️ Flaky tests (${count(total)})\n\n${flakyPolicy(view.failOnFlaky)}`
  const rows = shown.map((t) => {
    const name = escapeTableCell(t.title, NAME_CHARS)
    const where = t.place !== undefined ? `${name}<br>${placeMarkdown(t.place, { inTable: true })}` : name
    return [t.tier, where, t.evidence.sequence, FLAKE_SCOPE_LABEL[t.evidence.scope]]
  })
  const parts = [heading, table(['Tier', 'Test', 'Attempts', 'Where'], rows)]
  if (total > shown.length) parts.push(`… and ${plural(total - shown.length, 'more flaky test')}.`)
  const names = shown.slice(0, COMPACT_SHOWN).map((t) => `${t.tier}: ${escapeInline(t.title, NAME_CHARS)}`)
  const more = total > COMPACT_SHOWN ? `; … and ${count(total - COMPACT_SHOWN)} more` : ''
  return {
    id: 'flaky',
    title: 'flaky test evidence',
    dropOrder: 4,
    markdown: parts.join('\n\n'),
    compact: `${heading}\n\n${names.join('; ')}${more}`
  }
}
