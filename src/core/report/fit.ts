/**
 * Keeps a document of sections under a byte limit (GitHub drops a job summary over 1 MiB whole; a PR
 * comment is refused past 65,536 characters). First shortens sections that have a compact form, then
 * drops sections, both in `dropOrder` (highest first; among equals the later section first), until the
 * UTF-8 size fits, and appends a note naming what was shortened or dropped. Pure and deterministic.
 */
import type { Section } from './section.js'

export interface FitOmissions {
  /** Titles (or ids) of sections shown in their compact form. */
  compacted: string[]
  /** Titles (or ids) of sections left out. */
  dropped: string[]
}

export interface FitResult {
  markdown: string
  bytes: number
  compacted: string[]
  dropped: string[]
  /** True when even the never-dropped sections did not fit and the text was cut (should not happen). */
  truncated: boolean
}

const SEPARATOR = '\n\n'

/** UTF-8 length without allocating (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

type State = 'full' | 'compact' | 'dropped'

export function fitSections(
  sections: readonly Section[],
  limitBytes: number,
  note: (omitted: FitOmissions) => string
): FitResult {
  const states: State[] = sections.map(() => 'full')
  const sizes = sections.map((s) => ({ full: utf8Bytes(s.markdown), compact: utf8Bytes(s.compact ?? '') }))
  const order = sections
    .map((s, index) => ({ s, index }))
    .filter((x) => x.s.dropOrder > 0)
    .sort((a, b) => b.s.dropOrder - a.s.dropOrder || b.index - a.index)
    .map((x) => x.index)

  const omissions = (): FitOmissions => ({
    compacted: sections.filter((_, i) => states[i] === 'compact').map(titleOf),
    dropped: sections.filter((_, i) => states[i] === 'dropped').map(titleOf)
  })
  const size = (): number => {
    let total = 0
    let parts = 0
    sections.forEach((_, i) => {
      const state = states[i]
      if (state === 'dropped') return
      total += state === 'compact' ? sizes[i]!.compact : sizes[i]!.full
      parts++
    })
    const o = omissions()
    if (o.compacted.length + o.dropped.length > 0) {
      total += utf8Bytes(note(o))
      parts++
    }
    return total + Math.max(0, parts - 1) * utf8Bytes(SEPARATOR) + 1
  }

  for (const i of order) {
    if (size() <= limitBytes) break
    if (sections[i]!.compact !== undefined) states[i] = 'compact'
  }
  for (const i of order) {
    if (size() <= limitBytes) break
    states[i] = 'dropped'
  }

  const o = omissions()
  const parts = sections.flatMap((s, i) =>
    states[i] === 'dropped' ? [] : [states[i] === 'compact' ? s.compact! : s.markdown]
  )
  if (o.compacted.length + o.dropped.length > 0) parts.push(note(o))
  let markdown = `${parts.join(SEPARATOR)}\n`
  let truncated = false
  if (utf8Bytes(markdown) > limitBytes) {
    markdown = cutToBytes(markdown, limitBytes)
    truncated = true
  }
  return { markdown, bytes: utf8Bytes(markdown), ...o, truncated }
}

function titleOf(s: Section): string {
  return s.title ?? s.id
}

const CUT_NOTE = '\n\n… (cut: the report did not fit the size limit)\n'

/** Last resort: cut at a line end so the text plus a note fits. */
function cutToBytes(text: string, limitBytes: number): string {
  const budget = limitBytes - utf8Bytes(CUT_NOTE)
  if (budget <= 0) return ''
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (utf8Bytes(text.slice(0, mid)) <= budget) lo = mid
    else hi = mid - 1
  }
  const lineEnd = text.lastIndexOf('\n', lo)
  let end = lineEnd > 0 ? lineEnd : lo
  // Never split a surrogate pair.
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}${CUT_NOTE}`
}
