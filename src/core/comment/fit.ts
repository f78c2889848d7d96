/**
 * Keeps the sticky comment under GitHub's limit (65,536 characters; HTTP 422 past it) by structure,
 * never by pattern-matching rendered text. Every section is a list of blocks with a drop rank (see
 * section-blocks.ts); the fitter takes these steps in a fixed order until the body fits:
 *
 *   for each rank from the highest down to 1:
 *     1. the blocks of that rank switch to their compact form (where they have one),
 *     2. the blocks of that rank are left out;
 *   then the rank-0 blocks (never left out) switch to their compact form; then sections without blocks (plain text) are left out whole, then every section is cut to its
 *   first block, then to a note.
 *
 * Each step applies to every section at once, so equal sections always fold alike. A section that lost
 * detail ends with one note saying what was shortened or left out, and where the full report is. No
 * section is ever lost: its markers and its first block stay. Lengths are counted in UTF-16 code units,
 * never fewer than GitHub's characters. Pure.
 */
import {
  fitBlocksOf,
  fullSize,
  parseBlocks,
  serializeBlocks,
  type BlockState,
  type CommentSection,
  type FitBlock
} from './section-blocks.js'
import { COMMENT_BLOCK_TITLES } from '../report/comment-section.js'
import { neutraliseMarkers, renderStickyBody, type StickyBody } from './sticky-body.js'
import { thousands } from '../thousands.js'

export const COMMENT_LIMIT = 65_536

export interface FitResult {
  body: string
  /** Keys of the sections that were shortened. */
  shortened: string[]
}

/** A section as input to the fitter: stored text (ours or another writer's), or ours with its blocks. */
export type FitInput = string | CommentSection

export interface FitRequest extends Omit<StickyBody, 'sections'> {
  sections: Map<string, FitInput>
}

type Working = { kind: 'blocks'; blocks: FitBlock[] } | { kind: 'text'; text: string; dropped: boolean }

const NOTE_ID = 'fit-note'

export function fitStickyBody(
  req: FitRequest,
  maxChars = COMMENT_LIMIT,
  detailsUrl?: string,
  titles: Record<string, string> = COMMENT_BLOCK_TITLES
): FitResult {
  const results = new Map(req.results ?? [])
  const work = new Map<string, Working>()
  for (const [key, input] of req.sections) {
    if (typeof input !== 'string') {
      results.set(key, input.result)
      work.set(key, { kind: 'blocks', blocks: fitBlocksOf(input) })
      continue
    }
    const blocks = parseBlocks(input, titles)
    work.set(
      key,
      blocks
        ? { kind: 'blocks', blocks: blocks.filter((b) => b.id !== NOTE_ID) }
        : { kind: 'text', text: input, dropped: false }
    )
  }
  const see = detailsUrl ? `the [job summary](${detailsUrl})` : 'the job summary'
  const blocks = [...work.values()].flatMap((w) => (w.kind === 'blocks' ? w.blocks : []))
  const render = () => {
    const sections = new Map([...work].map(([k, w]) => [k, stored(w, see)]))
    return renderStickyBody({ title: req.title, sections, results })
  }
  const shortenedKeys = () =>
    [...work]
      .filter(([, w]) => (w.kind === 'text' ? w.dropped : w.blocks.some((b) => b.state !== 'full')))
      .map(([k]) => k)
      .sort()
  for (const level of fitLevels(blocks)) {
    // A block another writer left out cannot come back here (its text is gone): it is rendered as it is
    // stored, but counted at the size the level gives it, so every writer picks the same level.
    let missing = 0
    for (const b of blocks) {
      const want = level(b)
      b.state = shownState(b, want)
      missing += Math.max(0, sizeAt(b, want) - sizeAt(b, b.state))
    }
    const body = render()
    if (body.length + missing <= maxChars) return { body, shortened: shortenedKeys() }
  }
  // Last resorts, still by structure: plain sections go, then every section keeps only its first block.
  for (const w of work.values()) if (w.kind === 'text') w.dropped = true
  let body = render()
  if (body.length <= maxChars) return { body, shortened: shortenedKeys() }
  for (const w of work.values())
    if (w.kind === 'blocks') w.blocks.forEach((b, i) => i > 0 && (b.state = 'dropped'))
  body = render()
  if (body.length <= maxChars) return { body, shortened: shortenedKeys() }
  for (const w of work.values()) if (w.kind === 'blocks') w.blocks.forEach((b) => (b.state = 'dropped'))
  body = render()
  return { body: body.length <= maxChars ? body : body.slice(0, maxChars), shortened: shortenedKeys() }
}

/**
 * The levels in their fixed order: everything in full; then for each rank from the highest down to 1,
 * that rank compact, then that rank left out; then rank 0 compact. Each level includes the ones before.
 */
function fitLevels(blocks: readonly FitBlock[]): ((b: FitBlock) => BlockState)[] {
  const ranks = [...new Set(blocks.map((b) => b.rank))].filter((r) => r > 0).sort((a, b) => b - a)
  const levels: ((b: FitBlock) => BlockState)[] = [() => 'full']
  ranks.forEach((rank, i) => {
    const done = new Set(ranks.slice(0, i))
    levels.push((b) => (done.has(b.rank) ? 'dropped' : b.rank === rank ? 'compact' : 'full'))
    levels.push((b) => (done.has(b.rank) || b.rank === rank ? 'dropped' : 'full'))
  })
  levels.push((b) => (b.rank === 0 ? 'compact' : 'dropped'))
  return levels
}

/** The length of a block in a state (a form it lacks counts as its full size: what it would take). */
function sizeAt(b: FitBlock, state: BlockState): number {
  if (state === 'dropped') return 0
  if (state === 'compact' && b.compact !== undefined) return b.compact.length
  return fullSize(b)
}

/** The state a block is shown in when the level wants `want`: the nearest form it has. */
function shownState(b: FitBlock, want: BlockState): BlockState {
  if (want === 'dropped') return 'dropped'
  if (want === 'full' && b.full !== undefined) return 'full'
  if (b.compact !== undefined) return 'compact'
  return b.full !== undefined ? 'full' : 'dropped'
}

/** The section as it is stored: its blocks (with one note when any lost detail), or its text. */
function stored(w: Working, see: string): string {
  if (w.kind === 'text') {
    return w.dropped
      ? `_This section was left out to fit GitHub's ${thousands(COMMENT_LIMIT)}-character comment limit: see ${see}._`
      : neutraliseMarkers(w.text)
  }
  const compacted = unique(w.blocks.filter((b) => b.state === 'compact').map((b) => b.title))
  const dropped = unique(w.blocks.filter((b) => b.state === 'dropped').map((b) => b.title))
  if (compacted.length + dropped.length === 0) return serializeBlocks(w.blocks)
  const what = [
    ...(compacted.length > 0 ? [`shortened ${compacted.join(', ')}`] : []),
    ...(dropped.length > 0 ? [`left out ${dropped.join(', ')}`] : [])
  ].join('; ')
  const note: FitBlock = {
    id: NOTE_ID,
    rank: 0,
    title: 'note',
    state: 'full',
    full: `<sub>To fit GitHub's ${thousands(COMMENT_LIMIT)}-character comment limit: ${what}. The full report is in ${see}.</sub>`
  }
  return serializeBlocks([...w.blocks, note])
}

function unique(titles: readonly string[]): string[] {
  return [...new Set(titles)]
}
