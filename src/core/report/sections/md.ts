/** Small markdown builders for the blocks (tables of already-escaped cells, bullets, units). Pure. */
import { thousands as count } from '../../thousands.js'

export type Align = 'left' | 'right'

/** A GFM table; every cell must already be escaped (escapeTableCell / codeSpan with inTable). */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[]
): string {
  const rule = header.map((_, i) => (align?.[i] === 'right' ? '--:' : ':--'))
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

export const DASH = '—'

export function bullets(items: readonly string[]): string {
  return items.map((i) => `- ${i}`).join('\n')
}

/** U+00A0: a space a line never breaks at ("2.6 s", "36 passed"). */
export const NBSP = '\u00a0'

/** The same text with its spaces made non-breaking: for short values (durations, counts) in tables. */
export function nbsp(text: string): string {
  return text.replace(/ /g, NBSP)
}

/** "3,004" — every count in every report has thousands separators. */
export { count }

/** "1 failed" with a non-breaking space, so the number and its word stay on one line. */
export function counted(n: number, word: string): string {
  return `${count(n)}${NBSP}${word}`
}
