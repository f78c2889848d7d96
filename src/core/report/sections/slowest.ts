/**
 * The slowest tests of the run (top 10 by total duration over their attempts), longest first, with the
 * attempts when there were several.
 */
import { formatDuration } from '../../cost/runner-cost.js'
import { escapeInline } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { count, nbsp } from './md.js'

const NAME_CHARS = 200

export function slowestSection(view: ReportView): Section | undefined {
  if (view.slowest.length === 0) return undefined
  // A numbered list, not a table: a test name can be one long word that would widen a table.
  const items = view.slowest.map((t, i) => {
    const attempts = t.attempts > 1 ? ` (${nbsp(`${count(t.attempts)} attempts`)})` : ''
    return `${i + 1}. **${nbsp(formatDuration(t.durationMs))}** · ${t.tier} · ${escapeInline(t.title, NAME_CHARS)}${attempts}`
  })
  return {
    id: 'slowest',
    title: 'slowest tests',
    dropOrder: 6,
    markdown: `### 🐢 Slowest tests\n\n${items.join('\n')}`
  }
}
