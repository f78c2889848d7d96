/** Small markdown builders for the sections (tables of already-escaped cells). Pure. */

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
