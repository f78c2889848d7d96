/**
 * The sticky comment's body: a hidden marker, a title line with the overall verdict, and one section per
 * key (a job, a tier, a shard), each between hidden begin/end markers so that parallel writers can merge
 * each other's sections. The begin marker carries the section's result: failing sections come first,
 * then by key, so the same sections always give the same body (unchanged = no write). Pure.
 */
import { VERDICT_LABEL } from '../report/labels.js'
import type { SectionResult } from './section-blocks.js'

export const COMMENT_MARKER = '<!-- serverless-test-pyramid:sticky-comment v1 -->'
export const DEFAULT_TITLE = 'Serverless test pyramid'

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/
const SECTION_RE =
  /<!-- pyramid-section:([A-Za-z0-9][A-Za-z0-9._:/-]{0,99})(?: result=(failure|cancelled|flaky|success|skipped))? -->\n([\s\S]*?)\n<!-- \/pyramid-section:\1 -->/g

export interface StickyBody {
  /** The comment's name in its title line. */
  title: string
  /** key → the section as stored (see section-blocks.ts). */
  sections: Map<string, string>
  /** key → the section's result, where the writer said it. */
  results?: Map<string, SectionResult>
}

export function assertSectionKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new Error(
      `comment section key ${JSON.stringify(key)} is not valid: use 1-100 characters of letters, digits and . _ : / - (e.g. the job or tier name)`
    )
  }
}

/** Section content cannot forge markers: an HTML comment opener inside it is shown as text. */
export function neutraliseMarkers(markdown: string): string {
  return markdown.replace(/<!--/g, '&lt;!--')
}

export function hasMarker(body: string): boolean {
  return body.startsWith(COMMENT_MARKER)
}

/** Failing sections first, sections without a known result between the failing and the passing ones. */
const ORDER: Record<SectionResult | 'unknown', number> = {
  failure: 0,
  cancelled: 1,
  flaky: 2,
  unknown: 3,
  success: 4,
  skipped: 5
}

export function sectionOrder(b: StickyBody): string[] {
  const rank = (k: string) => ORDER[b.results?.get(k) ?? 'unknown']
  return [...b.sections.keys()].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0))
}

/** "### ❌ Serverless test pyramid: failed (2 of 5 jobs)", from the sections' results. */
export function titleLine(b: StickyBody): string {
  const name = b.title.replace(/[\r\n]+/g, ' ').trim() || DEFAULT_TITLE
  const known = [...b.sections.keys()].flatMap((k) => {
    const r = b.results?.get(k)
    return r ? [r] : []
  })
  const worst = [...known].sort((x, y) => ORDER[x] - ORDER[y])[0]
  if (worst === undefined) return neutraliseMarkers(`### 🧪 ${name}`)
  const { icon, word } = VERDICT_LABEL[worst]
  const same = known.filter((r) => r === worst).length
  const of = b.sections.size > 1 && worst !== 'success' ? ` (${same} of ${b.sections.size} jobs)` : ''
  return neutraliseMarkers(`### ${icon} ${name}: ${word}${of}`)
}

export function renderStickyBody(b: StickyBody): string {
  const parts = [COMMENT_MARKER, titleLine(b), '']
  for (const key of sectionOrder(b)) parts.push(sectionBlock(key, b.sections.get(key)!, b.results?.get(key)))
  return `${parts.join('\n')}\n`
}

/** One stored section between its markers. `stored` is already safe (see section-blocks.ts / neutraliseMarkers). */
export function sectionBlock(key: string, stored: string, result?: SectionResult): string {
  const attr = result !== undefined ? ` result=${result}` : ''
  return `<!-- pyramid-section:${key}${attr} -->\n${stored.replace(/\n+$/, '')}\n<!-- /pyramid-section:${key} -->\n`
}

/** Reads one of OUR comments back (callers check the author first: others' text is never parsed). */
export function parseStickyBody(body: string): Required<StickyBody> | undefined {
  if (!hasMarker(body)) return undefined
  const sections = new Map<string, string>()
  const results = new Map<string, SectionResult>()
  for (const m of body.matchAll(SECTION_RE)) {
    sections.set(m[1]!, m[3]!)
    if (m[2] !== undefined) results.set(m[1]!, m[2] as SectionResult)
  }
  return { title: DEFAULT_TITLE, sections, results }
}
