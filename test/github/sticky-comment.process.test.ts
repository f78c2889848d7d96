import { afterEach, describe, expect, it } from '@jest/globals'
import { upsertStickyComment, type StickyDeps } from '../../src/adapters/github/sticky-comment.js'
import type { Clock } from '../../src/app/ports.js'
import type { CommentSection } from '../../src/core/comment/section-blocks.js'
import { COMMENT_MARKER, parseStickyBody } from '../../src/core/comment/sticky-body.js'
import { GitHubStandIn, type StandInOptions } from '../stand-ins/github/server.js'
import { ACTIONS_BOT, ALICE, MALLORY, octokitFor } from '../stand-ins/github/fixtures.js'
import { recordingLog } from '../fakes/log.js'
import { systemClock } from '../../src/adapters/clock.js'

const REPO = { owner: 'acme', repo: 'orders' }
let standIn: GitHubStandIn | undefined

async function start(extra: Partial<StandInOptions> = {}) {
  standIn = new GitHubStandIn({
    repository: 'acme/orders',
    tokens: { bot: { user: ACTIONS_BOT, canWrite: true }, alice: { user: ALICE, canWrite: true } },
    pulls: [{ number: 7, headSha: 'a'.repeat(40) }],
    ...extra
  })
  await standIn.start()
  return standIn
}

function deps(token = 'bot', extra: Partial<StickyDeps> = {}): StickyDeps {
  return {
    octokit: octokitFor(standIn!.url, token),
    log: recordingLog(),
    clock: systemClock,
    settleMs: 60,
    ...extra
  }
}

const req = (key: string, section: string | CommentSection) => ({ ...REPO, issueNumber: 7, key, section })

afterEach(async () => {
  if (!standIn) return
  expect(standIn.problems).toEqual([])
  await standIn.stop()
  standIn = undefined
})

describe('upsertStickyComment', () => {
  it('creates once, updates in place, and does not re-write an unchanged body', async () => {
    const gh = await start()
    const first = await upsertStickyComment(deps(), req('unit', 'unit: 10 passed'))
    expect(first.action).toBe('created')
    const [c] = gh.commentsOn(7)
    expect(first.url).toContain(`#issuecomment-${c!.id}`)

    const second = await upsertStickyComment(deps(), req('unit', 'unit: 9 passed, 1 failed'))
    expect(second).toEqual({ url: first.url, action: 'updated' })
    const patches = gh.requests.filter((r) => r.method === 'PATCH').length

    const third = await upsertStickyComment(deps(), req('unit', 'unit: 9 passed, 1 failed'))
    expect(third.action).toBe('unchanged')
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(patches)
    expect(gh.commentsOn(7)).toHaveLength(1)
    expect(parseStickyBody(gh.commentsOn(7)[0]!.body)!.sections.get('unit')).toBe('unit: 9 passed, 1 failed')
  })

  it('finds its comment behind more than 100 other comments (paging through all of them)', async () => {
    const gh = await start()
    for (let i = 0; i < 150; i++) gh.seedComment(7, ALICE, `comment ${i}`)
    await upsertStickyComment(deps(), req('unit', 'v1'))
    for (let i = 150; i < 260; i++) gh.seedComment(7, ALICE, `comment ${i}`)
    const again = await upsertStickyComment(deps(), req('unit', 'v2'))
    expect(again.action).toBe('updated')
    const ours = gh.commentsOn(7).filter((c) => c.user.login === ACTIONS_BOT.login)
    expect(ours).toHaveLength(1)
    expect(ours[0]!.body).toContain('v2')
    const pages = gh.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues/7/comments'))
    expect(pages.length).toBeGreaterThanOrEqual(3) // 261 comments at 100 a page, per listing
  })

  it('never edits, trusts or merges a copied marker in someone else comment', async () => {
    const gh = await start()
    const forged = `${COMMENT_MARKER}\n### 🧪 Serverless test pyramid\n\n<!-- pyramid-section:e2e -->\nall green, merge me\n<!-- /pyramid-section:e2e -->\n`
    const theirs = gh.seedComment(7, MALLORY, forged)
    const result = await upsertStickyComment(deps(), req('unit', 'unit: 1 failed'))
    expect(result.action).toBe('created')
    expect(gh.comments.get(theirs.id)!.body).toBe(forged)
    const ours = gh.commentsOn(7).find((c) => c.user.login === ACTIONS_BOT.login)!
    expect([...parseStickyBody(ours.body)!.sections.keys()]).toEqual(['unit'])
    expect(gh.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE')).toEqual([])
  })

  it('a section cannot forge markers of other sections', async () => {
    const gh = await start()
    await upsertStickyComment(
      deps(),
      req('unit', 'x\n<!-- /pyramid-section:unit -->\n<!-- pyramid-section:e2e -->\nfake')
    )
    const body = gh.commentsOn(7)[0]!.body
    expect([...parseStickyBody(body)!.sections.keys()]).toEqual(['unit'])
  })

  it('ignores a minimised sticky comment and writes a fresh one', async () => {
    const gh = await start()
    await upsertStickyComment(deps(), req('unit', 'old'))
    gh.commentsOn(7)[0]!.minimized = true
    const result = await upsertStickyComment(deps(), req('unit', 'new'))
    expect(result.action).toBe('created')
    expect(gh.commentsOn(7)).toHaveLength(2)
  })

  it('finds the identity without GraphQL or /user (the Actions bot) and still updates in place', async () => {
    const gh = await start({ tokens: { bot: { user: ACTIONS_BOT, canWrite: true, graphql: false } } })
    await upsertStickyComment(deps(), req('unit', 'a'))
    const second = await upsertStickyComment(deps(), req('unit', 'b'))
    expect(second.action).toBe('updated')
    expect(gh.commentsOn(7)).toHaveLength(1)
    expect(gh.requests.some((r) => r.path === '/user' && r.status === 403)).toBe(true)
  })

  it('8 parallel writers converge on one comment with all 8 sections (10 trials)', async () => {
    const keys = ['unit-1', 'unit-2', 'unit-3', 'unit-4', 'integration', 'e2e', 'lint', 'report']
    const totals = { trials: 0, comments: 0, sections: 0, created: 0, deleted: 0, updates: 0, repairs: 0 }
    for (let trial = 0; trial < 10; trial++) {
      const gh = await start({ latencyMs: 25 })
      const logs = keys.map(() => recordingLog())
      const results = await Promise.all(
        keys.map((k, i) => upsertStickyComment({ ...deps(), log: logs[i]! }, req(k, `section ${k}`)))
      )
      const comments = gh.commentsOn(7)
      expect(comments).toHaveLength(1)
      const sections = parseStickyBody(comments[0]!.body)!.sections
      expect([...sections.keys()].sort()).toEqual([...keys].sort())
      for (const k of keys) expect(sections.get(k)).toBe(`section ${k}`)
      expect(new Set(results.map((r) => r.url)).size).toBe(1)
      const created = gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments')).length
      const deleted = gh.requests.filter((r) => r.method === 'DELETE' && r.status === 204).length
      expect(deleted).toBe(created - 1) // every racing creator's duplicate was merged, then deleted
      totals.trials++
      totals.comments += comments.length
      totals.sections += sections.size
      totals.created += created
      totals.deleted += deleted
      totals.updates += gh.requests.filter((r) => r.method === 'PATCH').length
      totals.repairs += logs
        .flatMap((l) => l.entries)
        .filter((l) => l.message.includes('lost to a concurrent writer')).length
      expect(gh.problems).toEqual([])
      await gh.stop()
    }
    standIn = undefined
    process.stdout.write(`parallel writers (8 per trial): ${JSON.stringify(totals)}\n`)
  })

  it('8 parallel writers also converge onto an existing comment, again and again', async () => {
    const gh = await start({ latencyMs: 25 })
    await upsertStickyComment(deps(), req('report', 'first'))
    for (let round = 1; round <= 3; round++) {
      const keys = Array.from({ length: 8 }, (_, i) => `job-${i}`)
      await Promise.all(keys.map((k) => upsertStickyComment(deps(), req(k, `${k} round ${round}`))))
      const sections = parseStickyBody(gh.commentsOn(7)[0]!.body)!.sections
      expect(gh.commentsOn(7)).toHaveLength(1)
      for (const k of keys) expect(sections.get(k)).toBe(`${k} round ${round}`)
      expect(sections.get('report')).toBe('first')
    }
  })

  it('keeps huge sections within 65,536 characters without losing any section', async () => {
    const gh = await start({ latencyMs: 5 })
    const keys = ['unit', 'integration', 'e2e']
    for (const k of keys) {
      await upsertStickyComment(deps(), {
        ...req(k, bigSection(k, 30_000)),
        detailsUrl: 'https://github.test/acme/orders/actions/runs/1'
      })
    }
    const body = gh.commentsOn(7)[0]!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    const sections = parseStickyBody(body)!.sections
    for (const k of keys) {
      expect(sections.get(k)).toContain(`❌ **${k}** failed`)
      expect(sections.get(k)).toContain(
        'The full report is in the [job summary](https://github.test/acme/orders/actions/runs/1)'
      )
    }
  })

  it('answers a 422 with a smaller body instead of losing the comment', async () => {
    const gh = await start({ maxCommentChars: 40_000 })
    const result = await upsertStickyComment(deps(), req('unit', bigSection('unit', 50_000)))
    expect(result.action).toBe('created')
    expect(gh.requests.filter((r) => r.status === 422).length).toBeGreaterThan(0)
    expect(gh.commentsOn(7)[0]!.body.length).toBeLessThanOrEqual(40_000)
    expect(gh.commentsOn(7)[0]!.body).toContain('❌ **unit** failed')
  })
})

describe('a single writer', () => {
  function countingClock(): Clock & { sleeps: number[] } {
    const sleeps: number[] = []
    return { sleeps, now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) }
  }

  it("writes once with no settle wait: mode report ('single'), also when it creates the comment", async () => {
    const gh = await start()
    const clock = countingClock()
    const first = await upsertStickyComment(deps('bot', { clock }), {
      ...req('report', 'v1'),
      writers: 'single'
    })
    const second = await upsertStickyComment(deps('bot', { clock }), {
      ...req('report', 'v2'),
      writers: 'single'
    })
    expect([first.action, second.action]).toEqual(['created', 'updated'])
    expect(clock.sleeps).toEqual([])
    expect(gh.requests.filter((r) => r.path.includes('/comments') && r.method !== 'GET')).toHaveLength(2)
    expect(parseStickyBody(gh.commentsOn(7)[0]!.body)!.sections.get('report')).toBe('v2')
  })

  it("'auto': the comment's only writer (no other section in it) writes once; a second writer converges", async () => {
    const gh = await start()
    await upsertStickyComment(deps(), req('unit', 'v1')) // first write: cannot know, converges
    const clock = countingClock()
    const again = await upsertStickyComment(deps('bot', { clock }), req('unit', 'v2'))
    expect(again.action).toBe('updated')
    expect(clock.sleeps).toEqual([])
    // Another job's section in the comment: back to the settle rounds of parallel writers.
    await upsertStickyComment(deps(), req('e2e', 'e1'))
    const parallel = countingClock()
    await upsertStickyComment(deps('bot', { clock: parallel }), req('unit', 'v3'))
    expect(parallel.sleeps.length).toBeGreaterThan(0)
    const sections = parseStickyBody(gh.commentsOn(7)[0]!.body)!.sections
    expect([sections.get('unit'), sections.get('e2e')]).toEqual(['v3', 'e1'])
  })
})

/** A structured section of about `chars` characters, most of it in one block that can be left out. */
function bigSection(key: string, chars: number): CommentSection {
  const line = (i: number) => `- test ${i} failed: expected 200, got 500`
  const n = Math.ceil(chars / line(0).length)
  return {
    result: 'failure',
    blocks: [
      { id: 'head', dropOrder: 0, markdown: `❌ **${key}** failed · ${n} tests` },
      {
        id: 'failures',
        title: 'failed tests',
        dropOrder: 1,
        markdown: Array.from({ length: 5 }, (_, i) => line(i)).join('\n')
      },
      {
        id: 'failures-more',
        title: 'the list of more failed tests',
        dropOrder: 4,
        markdown: Array.from({ length: n }, (_, i) => line(i + 5)).join('\n')
      }
    ]
  }
}
