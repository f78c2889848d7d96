/**
 * Keeps the sticky comment under GitHub's limit (65,536 characters; HTTP 422 past it), in a fixed order:
 *   1. every section's <details> blocks are replaced by a one-line note (largest section first);
 *   2. sections over their fair share of the budget are cut at a line boundary, with a note and a link
 *      to the job summary. Every section keeps its heading and markers: no writer's section is lost.
 * Lengths are counted in UTF-16 code units, never fewer than GitHub's characters. Pure.
 */
import { renderStickyBody, sectionBlock, type StickyBody } from './sticky-body.js'

export const COMMENT_LIMIT = 65_536

export interface FitResult {
  body: string
  /** Keys of the sections that were shortened. */
  shortened: string[]
}

export function fitStickyBody(b: StickyBody, maxChars = COMMENT_LIMIT, detailsUrl?: string): FitResult {
  const full = renderStickyBody(b)
  if (full.length <= maxChars) return { body: full, shortened: [] }
  const see = detailsUrl ? `the [job summary](${detailsUrl})` : 'the job summary'
  const sections = new Map(b.sections)
  const shortened = new Set<string>()

  const bySize = [...sections.entries()].sort((x, y) => y[1].length - x[1].length)
  for (const [key, md] of bySize) {
    const collapsed = md.replace(
      /<details>[\s\S]*?<\/details>/g,
      `_(details left out to fit the comment size limit: see ${see})_`
    )
    if (collapsed !== md) {
      sections.set(key, collapsed)
      shortened.add(key)
    }
    const body = renderStickyBody({ title: b.title, sections })
    if (body.length <= maxChars) return { body, shortened: [...shortened].sort() }
  }

  const overhead = renderStickyBody({ title: b.title, sections: new Map() }).length
  const note = `\n\n_… cut to fit GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit: full report in ${see}._`
  const wrap = (key: string) => sectionBlock(key, '').length + note.length + 8
  let budget = maxChars - overhead
  let open = [...sections.entries()].sort((x, y) => x[1].length - y[1].length)
  // Water-filling: small sections keep all they have, the rest share what is left equally.
  while (open.length > 0) {
    const share = Math.floor(budget / open.length)
    const [key, md] = open[0]!
    if (sectionBlock(key, md).length > share) break
    budget -= sectionBlock(key, md).length
    open = open.slice(1)
  }
  const share = open.length > 0 ? Math.floor(budget / open.length) : 0
  for (const [key, md] of open) {
    sections.set(key, cutAt(md, Math.max(0, share - wrap(key))) + note)
    shortened.add(key)
  }
  const body = renderStickyBody({ title: b.title, sections })
  return {
    body: body.length <= maxChars ? body : minimalBody(b, maxChars, see),
    shortened: [...shortened].sort()
  }
}

/** Last resort when even the notes do not fit: each section reduced to its note. */
function minimalBody(b: StickyBody, maxChars: number, see: string): string {
  const sections = new Map(
    [...b.sections.keys()].map((k) => [k, `_Left out to fit the comment size limit: see ${see}._`])
  )
  const body = renderStickyBody({ title: b.title, sections })
  return body.length <= maxChars
    ? body
    : renderStickyBody({ title: b.title, sections: new Map() }).slice(0, maxChars)
}

/** Cut markdown at a line boundary within max characters, closing an open code fence or <details>. */
function cutAt(md: string, max: number): string {
  if (md.length <= max) return md
  const slice = md.slice(0, Math.max(0, max - 20))
  const nl = slice.lastIndexOf('\n')
  let kept = nl > 0 ? slice.slice(0, nl) : slice
  if ((kept.match(/^\s*```/gm) ?? []).length % 2 === 1) kept += '\n```'
  const opens = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length
  if (opens > 0) kept += '\n</details>'.repeat(opens)
  return kept
}
