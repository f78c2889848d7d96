/** Flaky tests with their evidence: the attempt sequence and where the flake happened. */
import { escapeInline } from '../escape.js'
import { FLAKE_SCOPE_LABEL } from '../evidence.js'
import { plural } from '../labels.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { bullets, count } from './md.js'
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
  // A list, not a table: the path of a test is one long word that would widen a table past a phone.
  const items = shown.map((t) => {
    const where = t.place !== undefined ? ` · ${placeMarkdown(t.place)}` : ''
    return `**${t.tier}** · ${escapeInline(t.title, NAME_CHARS)}${where}<br>${t.evidence.sequence}, ${FLAKE_SCOPE_LABEL[t.evidence.scope]}`
  })
  const parts = [heading, bullets(items)]
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
