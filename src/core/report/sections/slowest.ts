/** The slowest tests of the run (top 10 by total duration over their attempts). */
import { formatDuration } from '../../cost/runner-cost.js'
import { escapeTableCell } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'
import { count, nbsp, table } from './md.js'

const NAME_CHARS = 200

export function slowestSection(view: ReportView): Section | undefined {
  if (view.slowest.length === 0) return undefined
  const rows = view.slowest.map((t, i) => [
    String(i + 1),
    escapeTableCell(t.title, NAME_CHARS),
    t.tier,
    nbsp(formatDuration(t.durationMs)),
    count(t.attempts)
  ])
  return {
    id: 'slowest',
    title: 'slowest tests',
    dropOrder: 6,
    markdown: `### 🐢 Slowest tests\n\n${table(['', 'Test', 'Tier', 'Duration', 'Attempts'], rows, ['right', 'left', 'left', 'right', 'right'])}`
  }
}
