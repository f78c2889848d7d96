/**
 * A comment section as it is stored in the sticky comment: its blocks in order, each behind a hidden
 * marker that names the block, its drop rank and the form it is shown in:
 *
 *   <!-- pyramid-block:failures rank=2 -->            the block's full form follows
 *   <!-- pyramid-block:failures rank=2 state=compact --> its compact form follows
 *   <!-- pyramid-block:failures rank=2 state=dropped size=1234 -->  left out to fit (nothing follows)
 *
 * `size` is the length of the full form, kept so that a later writer knows how big the section would
 * be with the block back (see fit.ts: every writer puts its own section at the level the whole comment
 * needs, so after each writer has written once, equal sections are in the same form).
 *
 * The markers are how any writer can fit a section another writer rendered — by choosing forms and
 * dropping blocks — without ever pattern-matching its rendered text. Block content cannot forge a marker:
 * every `<!--` inside it is neutralised. Pure.
 */
import type { Verdict } from '../report/labels.js'
import type { Section } from '../report/section.js'
import { neutraliseMarkers } from './sticky-body.js'

/** The form a block is shown in. */
export type BlockState = 'full' | 'compact' | 'dropped'

/** A block as the fitter sees it: the forms it has (theirs only have the one they were stored in). */
export interface FitBlock {
  id: string
  rank: number
  title: string
  state: BlockState
  full?: string
  compact?: string
  /** Length of the full form, where the full form itself is not at hand (another writer's block). */
  size?: number
}

/** The length of a block's full form. */
export function fullSize(b: FitBlock): number {
  return b.full?.length ?? b.size ?? 0
}

/** The verdict a section stands for; it orders sections (failing first) and titles the comment. */
export type SectionResult = Verdict
export const SECTION_RESULTS: readonly SectionResult[] = [
  'failure',
  'cancelled',
  'flaky',
  'success',
  'skipped'
]

/** One job's section of the comment as its renderer made it: the blocks with both forms. */
export interface CommentSection {
  result: SectionResult
  blocks: Section[]
}

const BLOCK_ID = /^[a-z0-9][a-z0-9-]{0,39}$/
const MARKER =
  /^<!-- pyramid-block:([a-z0-9][a-z0-9-]{0,39}) rank=(\d{1,3})(?: state=(compact|dropped))?(?: size=(\d{1,7}))? -->$/

export function fitBlocksOf(section: CommentSection): FitBlock[] {
  return section.blocks.map((b) => {
    if (!BLOCK_ID.test(b.id)) throw new Error(`comment block id "${b.id}" must be [a-z0-9-], at most 40`)
    return {
      id: b.id,
      rank: b.dropOrder,
      title: b.title ?? b.id,
      state: 'full',
      full: b.markdown,
      ...(b.compact !== undefined ? { compact: b.compact } : {})
    }
  })
}

export function serializeBlocks(blocks: readonly FitBlock[]): string {
  return blocks
    .map((b) => {
      const state = b.state === 'full' ? '' : ` state=${b.state} size=${fullSize(b)}`
      const head = `<!-- pyramid-block:${b.id} rank=${b.rank}${state} -->`
      if (b.state === 'dropped') return head
      const text = (b.state === 'compact' ? b.compact : b.full) ?? ''
      return `${head}\n${neutraliseMarkers(text.replace(/\n+$/, ''))}`
    })
    .join('\n\n')
}

/**
 * The blocks of a stored section, or undefined when it has no block markers (a plain-text section, as an
 * older version or another caller wrote it). `titles` names blocks in the "left out" note.
 */
export function parseBlocks(text: string, titles: Record<string, string> = {}): FitBlock[] | undefined {
  const titleOf = (id: string) => titles[id] ?? titles[id.replace(/-\d+(?=-|$)/g, '')] ?? id
  const lines = text.split('\n')
  const blocks: FitBlock[] = []
  let current: { block: FitBlock; lines: string[] } | undefined
  const close = () => {
    if (!current) return
    const body = current.lines.join('\n').replace(/\n+$/, '')
    const b = current.block
    if (b.state === 'compact') b.compact = body
    else if (b.state === 'full') b.full = body
    blocks.push(b)
  }
  for (const line of lines) {
    const m = MARKER.exec(line)
    if (m) {
      close()
      const id = m[1]!
      const state = (m[3] as BlockState | undefined) ?? 'full'
      const size = m[4] !== undefined ? { size: Number(m[4]) } : {}
      current = { block: { id, rank: Number(m[2]), title: titleOf(id), state, ...size }, lines: [] }
    } else if (current) current.lines.push(line)
    else if (line.trim() !== '') return undefined
  }
  close()
  return blocks.length > 0 ? blocks : undefined
}

/** The section as plain markdown (every block in its full form, no markers): for a file, not a comment. */
export function sectionMarkdown(section: CommentSection): string {
  return section.blocks.map((b) => b.markdown.replace(/\n+$/, '')).join('\n\n')
}
