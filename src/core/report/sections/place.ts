/** How a test's place reads in markdown: a link to the file at the commit, or inline code without one. */
import { codeSpan, escapeInline, escapeTableCell } from '../escape.js'
import type { TestPlace } from '../view.js'

export const PATH_CHARS = 200

export function placeText(p: TestPlace): string {
  return p.line !== undefined ? `${p.file}:${p.line}` : p.file
}

/** `[src/x.ts:12](…/blob/<sha>/src/x.ts#L12)`, or `` `src/x.ts:12` `` for a local run. */
export function placeMarkdown(p: TestPlace, opts: { inTable?: boolean } = {}): string {
  const text = placeText(p)
  if (p.url === undefined) return codeSpan(text, { inTable: opts.inTable ?? false, maxChars: PATH_CHARS })
  const label = opts.inTable ? escapeTableCell(text, PATH_CHARS) : escapeInline(text, PATH_CHARS)
  return `[${label}](${p.url})`
}
