/** Flaky tests with their evidence: the attempt sequence and where the flake happened. */
import { escapeInline, escapeTableCell, codeSpan } from '../escape.js'
import { FLAKE_SCOPE_LABEL, flakyEvidence } from '../evidence.js'
import { plural } from '../labels.js'
import type { Section } from '../section.js'
import { testLocation, testTitle, type ReportView } from '../view.js'
import { table } from './md.js'

const SHOWN = 50
const COMPACT_SHOWN = 20
const NAME_CHARS = 200

export function flakySection(view: ReportView, failOnFlaky: boolean): Section | undefined {
  const flaky = view.flaky
  if (flaky.length === 0) return undefined
  const policy = failOnFlaky
    ? 'They fail their tier (`fail-on-flaky: true`).'
    : 'They failed, then passed: their tiers pass (set `fail-on-flaky: true` to fail them).'
  const heading = `### ⚠️ Flaky tests (${flaky.length.toLocaleString('en-US')})\n\n${policy}`
  const rows = flaky.slice(0, SHOWN).map((t) => {
    const e = flakyEvidence(t)
    const location = testLocation(t)
    const name = escapeTableCell(testTitle(t), NAME_CHARS)
    const where =
      location !== undefined
        ? `${name}<br>${codeSpan(location, { inTable: true, maxChars: NAME_CHARS })}`
        : name
    return [t.tier, where, e.sequence, FLAKE_SCOPE_LABEL[e.scope]]
  })
  const parts = [heading, table(['Tier', 'Test', 'Attempts', 'Where'], rows)]
  if (flaky.length > SHOWN) parts.push(`… and ${plural(flaky.length - SHOWN, 'more flaky test')}.`)
  const names = flaky
    .slice(0, COMPACT_SHOWN)
    .map((t) => `${t.tier}: ${escapeInline(testTitle(t), NAME_CHARS)}`)
  const more = flaky.length > COMPACT_SHOWN ? `; … and ${flaky.length - COMPACT_SHOWN} more` : ''
  return {
    id: 'flaky',
    title: 'flaky test evidence',
    dropOrder: 4,
    markdown: parts.join('\n\n'),
    compact: `${heading}\n\n${names.join('; ')}${more}`
  }
}
