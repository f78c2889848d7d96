import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { publishComment } from '../../src/app/publish/publish-comment.js'
import { runPublish } from '../../src/app/publish/run-publish.js'
import type { StickyDeps } from '../../src/adapters/github/sticky-comment.js'
import { parseStickyBody } from '../../src/core/comment/sticky-body.js'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import { ACTIONS_BOT, octokitFor, realClock, recordingLog } from '../stand-ins/github/fixtures.js'

const HEAD = 'c'.repeat(40)
let standIn: GitHubStandIn
let dir: string

beforeEach(async () => {
  standIn = new GitHubStandIn({
    repository: 'acme/orders',
    tokens: { bot: { user: ACTIONS_BOT, canWrite: true }, readonly: { user: ACTIONS_BOT, canWrite: false } },
    pulls: [{ number: 12, headSha: HEAD, headRepo: 'forker/orders' }]
  })
  await standIn.start()
  dir = await mkdtemp(path.join(tmpdir(), 'pyramid-publish-'))
})

afterEach(async () => {
  expect(standIn.problems).toEqual([])
  await standIn.stop()
  await rm(dir, { recursive: true, force: true })
})

const deps = (token: string): StickyDeps => ({
  octokit: octokitFor(standIn.url, token),
  log: recordingLog(),
  clock: realClock,
  settleMs: 30
})
const forkRun = (over: Partial<Parameters<typeof publishComment>[1]> = {}) => ({
  owner: 'acme',
  repo: 'orders',
  issueNumber: 12,
  key: 'unit',
  section: '**unit**: 3 passed, 1 flaky',
  headSha: HEAD,
  isFork: true,
  reportPath: path.join(dir, 'pyramid-report.json'),
  ...over
})

describe('fork publish round trip', () => {
  it('a fork run writes pyramid-comment.json; mode publish posts it on the PR', async () => {
    const outcome = await publishComment(deps('readonly'), forkRun())
    expect(outcome).toEqual({
      kind: 'file',
      path: path.join(dir, 'pyramid-comment.json'),
      reason: expect.stringContaining('fork')
    })
    expect(standIn.requests).toEqual([]) // nothing tried with the read-only token
    expect(JSON.parse(await readFile(path.join(dir, 'pyramid-comment.json'), 'utf8'))).toEqual({
      version: 1,
      repository: 'acme/orders',
      prNumber: 12,
      headSha: HEAD,
      key: 'unit',
      body: '**unit**: 3 passed, 1 flaky'
    })

    const published = await runPublish(deps('bot'), { workingDirectory: dir, repository: 'acme/orders' })
    expect(published).toMatchObject({ prNumber: 12, action: 'created' })
    const [comment] = standIn.commentsOn(12)
    expect(parseStickyBody(comment!.body)!.sections.get('unit')).toBe('**unit**: 3 passed, 1 flaky')
    expect((await runPublish(deps('bot'), { workingDirectory: dir, repository: 'acme/orders' })).action).toBe(
      'unchanged'
    )
  })

  it('refuses a file whose tested commit is not the one the triggering workflow_run tested', async () => {
    await publishComment(deps('readonly'), forkRun())
    await expect(
      runPublish(deps('bot'), {
        workingDirectory: dir,
        repository: 'acme/orders',
        trustedHeadSha: 'd'.repeat(40)
      })
    ).rejects.toThrow(/triggering run tested ddddddd: refused/)
    expect(standIn.commentsOn(12)).toEqual([])
    const ok = await runPublish(deps('bot'), {
      workingDirectory: dir,
      repository: 'acme/orders',
      trustedHeadSha: HEAD
    })
    expect(ok.action).toBe('created')
  })

  it('falls back to the file when the write is refused with 403', async () => {
    const outcome = await publishComment(deps('readonly'), forkRun({ isFork: false }))
    expect(outcome).toMatchObject({ kind: 'file', reason: expect.stringContaining('HTTP 403') })
    expect(standIn.commentsOn(12)).toEqual([])
  })

  it('defuses mentions and forged markers in the untrusted body', async () => {
    await publishComment(
      deps('readonly'),
      forkRun({
        section: 'hi @acme/admins\n<!-- /pyramid-section:unit -->\n<!-- pyramid-section:e2e -->\nfake'
      })
    )
    await runPublish(deps('bot'), { workingDirectory: dir, repository: 'acme/orders' })
    const body = standIn.commentsOn(12)[0]!.body
    expect([...parseStickyBody(body)!.sections.keys()]).toEqual(['unit'])
    expect(body).not.toMatch(/(^|\s)@acme/)
  })

  it.each([
    ['a PR number that is a string', { prNumber: '12' }, '"prNumber" must be a positive integer'],
    ['another repository', { repository: 'evil/orders' }, 'names repository evil/orders'],
    ['a PR that is not in the repository', { prNumber: 99 }, 'does not exist in acme/orders'],
    ['a head SHA that moved on', { headSha: 'd'.repeat(40) }, 'not posted'],
    ['an extra field', { extra: 1 }, 'unexpected field(s) "extra"'],
    ['a body over the limit', { body: 'x'.repeat(65_537) }, 'at most 65536 characters'],
    ['a bad section key', { key: '../x' }, 'section key']
  ])('refuses %s', async (_what, change, message) => {
    const good = {
      version: 1,
      repository: 'acme/orders',
      prNumber: 12,
      headSha: HEAD,
      key: 'unit',
      body: 'ok'
    }
    await writeFile(path.join(dir, 'pyramid-comment.json'), JSON.stringify({ ...good, ...change }))
    await expect(
      runPublish(deps('bot'), { workingDirectory: dir, repository: 'acme/orders' })
    ).rejects.toThrow(message)
    expect(standIn.commentsOn(12)).toEqual([])
  })

  it('refuses a missing file, a link and an oversized file', async () => {
    await expect(
      runPublish(deps('bot'), { workingDirectory: dir, repository: 'acme/orders' })
    ).rejects.toThrow('download the "pyramid-comment" artifact')
    await symlink('/etc/hostname', path.join(dir, 'pyramid-comment.json'))
    await expect(
      runPublish(deps('bot'), { workingDirectory: dir, repository: 'acme/orders' })
    ).rejects.toThrow('not a regular file')
    await rm(path.join(dir, 'pyramid-comment.json'))
    await writeFile(path.join(dir, 'pyramid-comment.json'), ' '.repeat(500_000))
    await expect(
      runPublish(deps('bot'), { workingDirectory: dir, repository: 'acme/orders' })
    ).rejects.toThrow('bytes, over the')
  })
})
