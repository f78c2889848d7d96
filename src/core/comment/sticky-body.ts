/**
 * The sticky comment's body: a hidden marker, a title, and one section per key (a job, a tier, a shard),
 * each between hidden begin/end markers so that parallel writers can merge each other's sections.
 * Sections are ordered by key, so the same sections always give the same body (unchanged = no write).
 * Pure.
 */
export const COMMENT_MARKER = '<!-- serverless-test-pyramid:sticky-comment v1 -->'
export const DEFAULT_TITLE = '### 🧪 Serverless test pyramid'

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/
const SECTION_RE =
  /<!-- pyramid-section:([A-Za-z0-9][A-Za-z0-9._:/-]{0,99}) -->\n([\s\S]*?)\n<!-- \/pyramid-section:\1 -->/g

export interface StickyBody {
  title: string
  /** key → markdown */
  sections: Map<string, string>
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

export function renderStickyBody(b: StickyBody): string {
  const keys = [...b.sections.keys()].sort()
  const parts = [COMMENT_MARKER, neutraliseMarkers(b.title.replace(/[\r\n]+/g, ' ')), '']
  for (const key of keys) {
    parts.push(sectionBlock(key, b.sections.get(key)!))
  }
  return `${parts.join('\n')}\n`
}

export function sectionBlock(key: string, markdown: string): string {
  return `<!-- pyramid-section:${key} -->\n${neutraliseMarkers(markdown.replace(/\n+$/, ''))}\n<!-- /pyramid-section:${key} -->\n`
}

/** Reads one of OUR comments back (callers check the author first: others' text is never parsed). */
export function parseStickyBody(body: string): StickyBody | undefined {
  if (!hasMarker(body)) return undefined
  const afterMarker = body.slice(COMMENT_MARKER.length + 1)
  const title = afterMarker.split('\n', 1)[0] ?? DEFAULT_TITLE
  const sections = new Map<string, string>()
  for (const m of body.matchAll(SECTION_RE)) sections.set(m[1]!, m[2]!)
  return { title, sections }
}
