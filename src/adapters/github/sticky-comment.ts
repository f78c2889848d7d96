/**
 * The sticky PR comment: one comment per pull request, written by the action's own identity, one
 * section per key. GitHub has no compare-and-swap on comments, so writers converge instead:
 *
 *   each round: list ALL comments → ours = marker + our author + not minimised, oldest first;
 *     none      → create one with our section;
 *     some      → the oldest is the winner; re-read it, merge in sections of the duplicates (racing
 *                 creators) and ours, write it if it changed, delete the duplicates;
 *     then wait a jittered settle time and go again;
 *   a round that finds nothing to write ends it: our section is there, after every write we made.
 *
 * A section lost to a concurrent read-modify-write is put back by its own writer in its next round; the
 * settle time (≫ one GET + PATCH) makes the window in which a writer could still overwrite it after we
 * looked negligible. Comments of anyone else are never parsed, edited or deleted, whatever they contain.
 *
 * Only parallel writers need the settle rounds. A single writer writes once and returns: `writers:
 * 'single'` (mode report, the only writer of the reusable workflow), or `'auto'` when the comment it
 * found holds no other writer's section (the job has been the comment's only writer). A first write
 * under `'auto'` (no comment yet) cannot know that, and converges as parallel writers do.
 */
import type { Clock, Log, StickyCommentRequest, StickyCommentResult } from '../../app/ports.js'
import { COMMENT_LIMIT, fitStickyBody, type FitInput } from '../../core/comment/fit.js'
import type { SectionResult } from '../../core/comment/section-blocks.js'
import {
  assertSectionKey,
  DEFAULT_TITLE,
  hasMarker,
  parseStickyBody
} from '../../core/comment/sticky-body.js'
import {
  createComment,
  deleteComment,
  getComment,
  isAuthoredBy,
  listComments,
  minimisedIds,
  resolveIdentity,
  updateComment,
  type IssueComment,
  type IssueRef
} from './comments-api.js'
import { httpStatus, type Octokit } from './octokit.js'

export interface StickyDeps {
  octokit: Octokit
  log: Log
  clock: Clock
  /** [0, 1) source for jitter; Math.random by default. */
  random?: () => number
  /** Base settle time between a write and the check that follows it (default 2000 ms). */
  settleMs?: number
  /** Rounds before giving up (default 8). */
  maxRounds?: number
}

/** Bodies tried when GitHub answers 422 to a body we measured as fitting (it counts differently). */
const SIZE_STEPS = [COMMENT_LIMIT, 60_000, 30_000, 10_000, 2_000]

export async function upsertStickyComment(
  deps: StickyDeps,
  req: StickyCommentRequest
): Promise<StickyCommentResult> {
  assertSectionKey(req.key)
  const ref: IssueRef = { owner: req.owner, repo: req.repo, issueNumber: req.issueNumber }
  const random = deps.random ?? Math.random
  const settleMs = deps.settleMs ?? 2000
  const maxRounds = deps.maxRounds ?? 8
  let me = await resolveIdentity(deps.octokit, deps.log)
  let createdId: number | undefined
  let wrote = false
  /** The largest body GitHub accepted so far in this call (smaller after a 422). */
  const size = { max: COMMENT_LIMIT }

  for (let round = 1; round <= maxRounds; round++) {
    const ours = await findOurs(deps, ref, me)
    const winner = ours[0]
    let changed = false
    if (!winner) {
      const created = await writeSized(req, new Map(), new Map(), size, (body) =>
        createComment(deps.octokit, ref, body)
      )
      me = created.login || me
      createdId = created.id
      changed = true
      if (req.writers === 'single') return { url: created.url, action: 'created' }
    } else {
      const fresh = await getComment(deps.octokit, ref, winner.id)
      if (fresh && isAuthoredBy(fresh, me) && hasMarker(fresh.body)) {
        const parsed = parseStickyBody(fresh.body)!
        if (wrote && !parsed.sections.has(req.key) && ours.length === 1) {
          deps.log.debug(`section "${req.key}" was lost to a concurrent writer; writing it again`)
        }
        const merged = new Map(parsed.sections)
        const results = new Map(parsed.results)
        for (const dup of ours.slice(1)) {
          const d = parseStickyBody(dup.body)
          for (const [k, v] of d?.sections ?? []) {
            if (merged.has(k)) continue
            merged.set(k, v)
            const r = d?.results.get(k)
            if (r !== undefined) results.set(k, r)
          }
        }
        const alone = req.writers === 'single' || [...merged.keys()].every((k) => k === req.key)
        const body = fitted(req, merged, results, size.max)
        if (body !== fresh.body) {
          await writeSized(req, merged, results, size, (b) => updateComment(deps.octokit, ref, winner.id, b))
          changed = true
        }
        for (const dup of ours.slice(1)) {
          await deleteComment(deps.octokit, ref, dup.id)
          changed = true
        }
        if (changed && alone && ours.length === 1) {
          deps.log.debug(`sticky comment ${winner.url}: section "${req.key}" written by its only writer`)
          return { url: winner.url, action: createdId === winner.id ? 'created' : 'updated' }
        }
        if (!changed) {
          const action = createdId === winner.id ? 'created' : wrote ? 'updated' : 'unchanged'
          deps.log.debug(`sticky comment ${winner.url}: section "${req.key}" settled after ${round} round(s)`)
          return { url: winner.url, action }
        }
      } else {
        changed = true // deleted or replaced under us: look again
      }
    }
    wrote ||= changed
    await deps.clock.sleep(Math.round(settleMs * (0.5 + random())))
  }
  throw new Error(
    `the sticky comment on ${req.owner}/${req.repo}#${req.issueNumber} did not settle after ${maxRounds} rounds (section "${req.key}"): other writers kept changing it. The job summary holds the full report; re-run the job to post the comment again.`
  )
}

async function findOurs(deps: StickyDeps, ref: IssueRef, me: string): Promise<IssueComment[]> {
  const all = await listComments(deps.octokit, ref)
  const candidates = all.filter((c) => hasMarker(c.body) && isAuthoredBy(c, me))
  const hidden = await minimisedIds(deps.octokit, deps.log, candidates)
  return candidates
    .filter((c) => !hidden.has(c.id))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id))
}

function fitted(
  req: StickyCommentRequest,
  sections: Map<string, string>,
  results: Map<string, SectionResult>,
  max = COMMENT_LIMIT
): string {
  const all = new Map<string, FitInput>(sections)
  all.set(req.key, req.section)
  const res = new Map(results)
  if (typeof req.section === 'string') res.delete(req.key)
  return fitStickyBody(
    { title: req.header ?? DEFAULT_TITLE, sections: all, results: res },
    max,
    req.detailsUrl
  ).body
}

/** Writes with the largest body GitHub accepts: a 422 is answered with a smaller one. */
async function writeSized(
  req: StickyCommentRequest,
  sections: Map<string, string>,
  results: Map<string, SectionResult>,
  size: { max: number },
  write: (body: string) => Promise<IssueComment>
): Promise<IssueComment> {
  let last: unknown
  for (const max of SIZE_STEPS.filter((m) => m <= size.max)) {
    try {
      const written = await write(fitted(req, sections, results, max))
      size.max = max
      return written
    } catch (e) {
      if (httpStatus(e) !== 422) throw e
      last = e
    }
  }
  throw new Error(
    `GitHub refused the sticky comment on ${req.owner}/${req.repo}#${req.issueNumber} even at ${SIZE_STEPS.at(-1)} characters (HTTP 422: ${(last as Error).message}). The job summary holds the full report.`
  )
}
