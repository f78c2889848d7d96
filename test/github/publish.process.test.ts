/**
 * The fork round trip against the GitHub REST stand-in (checked against GitHub's OpenAPI description):
 * the run's data written by the read-only side, then rendered and posted by mode publish, with the pull
 * request taken from GitHub (the event, or the open pull requests of the run's head), never the data.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { publishComment, type PublishDeps } from '../../src/app/publish/publish-comment.js'
import { runPublish, type PublishOptions } from '../../src/app/publish/run-publish.js'
import { commentFiles } from '../../src/adapters/github/comment-file.js'
import { gitHubApi } from '../../src/adapters/github/github.js'
import { parseStickyBody } from '../../src/core/comment/sticky-body.js'
import type { TrustedRun } from '../../src/core/comment/trusted-run.js'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import { ACTIONS_BOT, octokitFor } from '../stand-ins/github/fixtures.js'
import { recordingLog } from '../fakes/log.js'
import { systemClock } from '../../src/adapters/clock.js'
import { test as testCase } from '../report/reports.js'
import { FORK_HEAD, forkReport, oldFormatFile, trustedForkRun } from './fork-fixtures.js'

const HEAD = FORK_HEAD
let standIn: GitHubStandIn
let dir: string

beforeEach(async () => {
  standIn = new GitHubStandIn({
    repository: 'acme/orders',
    tokens: { bot: { user: ACTIONS_BOT, canWrite: true }, readonly: { user: ACTIONS_BOT, canWrite: false } },
    pulls: [
      { number: 12, headSha: HEAD, headRepo: 'forker/orders', headRef: 'fix-vat' },
      { number: 13, headSha: 'e'.repeat(40), headRepo: 'forker/orders', headRef: 'other' }
    ]
  })
  await standIn.start()
  dir = await mkdtemp(path.join(tmpdir(), 'pyramid-publish-'))
})

afterEach(async () => {
  expect(standIn.problems).toEqual([])
  await standIn.stop()
  await rm(dir, { recursive: true, force: true })
})

const deps = (token: string): PublishDeps => {
  const log = recordingLog()
  return {
    github: gitHubApi({ octokit: octokitFor(standIn.url, token), log, clock: systemClock, settleMs: 30 }),
    commentFiles,
    log
  }
}
const forkRun = (over: Partial<Parameters<typeof publishComment>[1]> = {}) => ({
  owner: 'acme',
  repo: 'orders',
  issueNumber: 12,
  key: 'test-unit-integration',
  section: '**unit**: rendered by the fork',
  headSha: HEAD,
  isFork: true,
  reportPath: path.join(dir, 'pyramid-report.json'),
  report: forkReport(),
  ...over
})
const publish = (run: Partial<TrustedRun> = {}, over: Partial<PublishOptions> = {}) =>
  runPublish(deps('bot'), {
    workingDirectory: dir,
    repository: 'acme/orders',
    serverUrl: 'https://github.com',
    run: trustedForkRun(run),
    ...over
  })
const file = () => path.join(dir, 'pyramid-comment.json')

describe('fork publish round trip', () => {
  it('the fork run writes data, not markdown; publish renders and posts it on the PR GitHub names', async () => {
    const outcome = await publishComment(deps('readonly'), forkRun())
    expect(outcome).toEqual({ kind: 'file', path: file(), reason: expect.stringContaining('fork') })
    expect(standIn.requests).toEqual([]) // nothing tried with the read-only token
    const written = await readFile(file(), 'utf8')
    expect(written).not.toContain('rendered by the fork')
    expect(JSON.parse(written)).toMatchObject({
      version: 2,
      prNumber: 12,
      headSha: HEAD,
      key: 'test-unit-integration'
    })

    const published = await publish()
    expect(published).toMatchObject({ prNumber: 12, action: 'created' })
    // GitHub's event had no pull_requests (a fork's run): the PR came from the open PRs of the run's head.
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /repos/acme/orders/pulls')
    const section = parseStickyBody(standIn.commentsOn(12)[0]!.body)!.sections.get('test-unit-integration')!
    expect(section).toMatch(/(^|\n)🍴 Published by this repository's workflow from the data of a fork's run/)
    expect(section).toContain('adds VAT')
    expect(section).toContain(
      '[Full report in the job summary](https://github.com/acme/orders/actions/runs/555/attempts/1)'
    )
    expect((await publish()).action).toBe('unchanged')
  })

  it('takes the pull request from the event when GitHub lists it, and never the data’s other choice', async () => {
    await publishComment(deps('readonly'), forkRun())
    await expect(publish({ pullRequests: [13] })).rejects.toThrow(
      'names PR #12, but GitHub says the run belongs to #13: refused'
    )
    expect(standIn.commentsOn(12)).toEqual([])
    expect((await publish({ pullRequests: [12] })).action).toBe('created')
  })

  it.each<[string, Partial<TrustedRun>, string]>([
    [
      'a run that tested another commit',
      { headSha: 'd'.repeat(40) },
      'triggering run tested ddddddd: refused'
    ],
    ['a head branch with no open PR', { headBranch: 'gone' }, 'has no open pull request from forker:gone'],
    [
      'a PR whose head is another repository',
      { headRepository: 'other/orders', pullRequests: [12] },
      'but the triggering run tested other/orders'
    ]
  ])('refuses %s', async (_what, run, message) => {
    await publishComment(deps('readonly'), forkRun())
    await expect(publish(run)).rejects.toThrow(message)
    expect(standIn.commentsOn(12)).toEqual([])
  })

  it('does not post for a PR that moved on to a newer commit', async () => {
    await publishComment(deps('readonly'), forkRun({ issueNumber: 13, headSha: 'e'.repeat(40) }))
    await expect(
      publish({ headSha: 'e'.repeat(40), headBranch: 'other', pullRequests: [] })
    ).resolves.toMatchObject({
      prNumber: 13
    })
    await publishComment(deps('readonly'), forkRun({ issueNumber: 12, headSha: 'f'.repeat(40) }))
    await expect(publish({ headSha: 'f'.repeat(40), pullRequests: [12] })).rejects.toThrow(
      'PR #12 is now at ccccccc, not at fffffff which the triggering run tested: not posted'
    )
  })

  it('writes no data past the bound mode publish reads, and says why', async () => {
    const report = forkReport()
    const deep = Array.from({ length: 6 }, (_, i) => `${i}`.repeat(300))
    report.tiers[0]!.tests = Array.from({ length: 12_000 }, (_, i) =>
      testCase('unit', `t${i}.ts`, deep, `t${i}`, [{}])
    )
    await expect(publishComment(deps('readonly'), forkRun({ report }))).rejects.toThrow(
      /comment was not posted because this pull request comes from a fork.*and its data is \d+ bytes, over the 16777216 bytes mode publish reads/
    )
    await expect(readFile(file())).rejects.toThrow('ENOENT')
  })

  it('falls back to the data file when the write is refused with 403', async () => {
    const outcome = await publishComment(deps('readonly'), forkRun({ isFork: false }))
    expect(outcome).toMatchObject({ kind: 'file', reason: expect.stringContaining('HTTP 403') })
    expect(standIn.commentsOn(12)).toEqual([])
  })

  it('explains a file in the old format and posts nothing', async () => {
    const old = oldFormatFile('## ✅ passed')
    await writeFile(file(), JSON.stringify(old))
    await expect(publish()).rejects.toThrow(/old format \(version 1.*Nothing was posted/)
    expect(standIn.commentsOn(12)).toEqual([])
  })

  it('refuses another repository’s data', async () => {
    await publishComment(deps('readonly'), forkRun({ owner: 'evil' }))
    await expect(publish()).rejects.toThrow('names repository evil/orders')
  })

  it('refuses a missing file, a link and an oversized file', async () => {
    await expect(publish()).rejects.toThrow('download the "pyramid-comment" artifact')
    await symlink('/etc/hostname', file())
    await expect(publish()).rejects.toThrow('not a regular file')
    await rm(file())
    await writeFile(file(), Buffer.alloc(16 * 1024 * 1024 + 1, 32))
    await expect(publish()).rejects.toThrow('bytes, over the')
  })
})
