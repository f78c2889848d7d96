import { afterEach, describe, expect, it } from '@jest/globals'
import { appendHistory, readHistory, type HistoryDeps } from '../../src/adapters/github/history-store.js'
import { RUNS_FILE, decodeRunsFile } from '../../src/core/history/ledger-files.js'
import { LEGACY_LEDGER_FILE } from '../../src/core/history/legacy-ledger.js'
import type { RunRecord } from '../../src/core/history/record.js'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import { ACTIONS_BOT, octokitFor } from '../stand-ins/github/fixtures.js'
import { recordingLog, type RecordingLog } from '../fakes/log.js'
import { systemClock } from '../../src/adapters/clock.js'
import { encodeLegacyLedger } from '../history/legacy-ledger-writer.js'
import { run } from '../history/runs.js'

const BRANCH = 'pyramid-history'
const REF = { owner: 'acme', repo: 'orders', branch: BRANCH }
let standIn: GitHubStandIn | undefined

async function start(latencyMs = 0) {
  standIn = new GitHubStandIn({
    repository: 'acme/orders',
    tokens: {
      bot: { user: ACTIONS_BOT, canWrite: true },
      readonly: { user: ACTIONS_BOT, canWrite: false },
      noaccess: { user: ACTIONS_BOT, canWrite: false, canRead: false }
    },
    latencyMs
  })
  await standIn.start()
  return standIn
}

function deps(token = 'bot', log: RecordingLog = recordingLog()): HistoryDeps & { log: RecordingLog } {
  return { octokit: octokitFor(standIn!.url, token), log, clock: systemClock }
}

/** The run keys in the ledger on the branch, read the way every run reads it. */
async function keysOnBranch(): Promise<string[]> {
  const stored = await readHistory(deps(), REF)
  return (stored?.ledger.runs ?? []).map((r) => `${r.runId}#${r.runAttempt}`)
}
const key = (r: RunRecord) => `${r.runId}#${r.runAttempt}`

afterEach(async () => {
  if (!standIn) return
  expect(standIn.problems).toEqual([])
  await standIn.stop()
  standIn = undefined
})

describe('history store (Git Data API)', () => {
  it('reads "no history" with a notice when the branch is missing, then creates it as an orphan', async () => {
    const gh = await start()
    const d = deps()
    expect(await readHistory(d, REF)).toBeUndefined()
    expect(d.log.entries.some((l) => l.level === 'info' && l.message.includes('No history yet'))).toBe(true)

    const first = run({ sha: 's1', tests: { a: 'passed' } })
    await appendHistory(d, REF, first)
    const head = gh.refs.get(`refs/heads/${BRANCH}`)!
    expect(gh.commits.get(head)!.parents).toEqual([]) // orphan: no history shared with the code
    expect(gh.fileOn(BRANCH, RUNS_FILE)).toBeDefined()

    const second = run({ sha: 's2', tests: { a: 'failed' } })
    await appendHistory(d, REF, second)
    expect(gh.commits.get(gh.refs.get(`refs/heads/${BRANCH}`)!)!.parents).toEqual([head])
    const stored = (await readHistory(d, REF))!
    expect(stored.ledger.runs.map((r) => r.sha)).toEqual([first.sha, second.sha])
    expect(stored.ledger.tests.get('unit\u0000a')!.outcomes).toBe('pf')
    expect(d.log.entries.filter((l) => l.level === 'warning')).toEqual([])
    const used = new Set(
      gh.requests.map((r) => `${r.method} ${r.path.replace(/^\/repos\/acme\/orders/, '')}`)
    )
    expect([...used].some((u) => u.includes('/contents/'))).toBe(false) // the Git Data API only
    expect(used).toContain(`PATCH /git/refs/heads%2F${BRANCH}`)
  })

  it('two writers racing lose no run: a refused ref update (422, not a fast forward) is re-read and redone', async () => {
    const gh = await start(20)
    const base = run({ sha: 'base', tests: { a: 'passed' } })
    await appendHistory(deps(), REF, base)
    const a = Array.from({ length: 6 }, (_, i) =>
      run({ sha: `a${i}`, tests: { a: 'passed', [`only-a${i}`]: 'passed' } })
    )
    const b = Array.from({ length: 6 }, (_, i) =>
      run({ sha: `b${i}`, tests: { a: 'failed', [`only-b${i}`]: 'passed' } })
    )
    const writer = async (records: RunRecord[]) => {
      for (const r of records) await appendHistory(deps(), REF, r)
    }
    await Promise.all([writer(a), writer(b)])
    expect(new Set(await keysOnBranch())).toEqual(new Set([base, ...a, ...b].map(key)))
    const ledger = (await readHistory(deps(), REF))!.ledger
    expect(ledger.tests.get('unit\u0000a')!.outcomes.replace(/[^f]/g, '')).toHaveLength(6) // every writer's outcome
    for (const r of [...a, ...b]) expect(ledger.tests.has(`unit\u0000only-${r.sha.slice(0, 2)}`)).toBe(true)
    const conflicts = gh.requests.filter((r) => r.method === 'PATCH' && r.status === 422).length
    expect(conflicts).toBeGreaterThan(0)
    process.stdout.write(
      `history race: 2 writers × 6 runs → all 13 kept, ${conflicts} refused ref updates (422) redone\n`
    )
  })

  it('two writers creating the missing branch at once: both runs kept', async () => {
    await start(20)
    const r1 = run({ sha: 'p1', tests: { a: 'passed' } })
    const r2 = run({ sha: 'p2', tests: { a: 'passed' } })
    await Promise.all([appendHistory(deps(), REF, r1), appendHistory(deps(), REF, r2)])
    expect((await keysOnBranch()).sort()).toEqual([key(r1), key(r2)].sort())
  })

  it('records a run once, even when its write is repeated', async () => {
    await start()
    const r = run({ sha: 'once', tests: { a: 'passed' } })
    await appendHistory(deps(), REF, r)
    const stored = await readHistory(deps(), REF)
    await appendHistory(deps(), REF, r, stored)
    await appendHistory(deps(), REF, r)
    expect(await keysOnBranch()).toEqual([key(r)])
  })

  it('splits a 20,000-test ledger over files written in one commit, and rewrites only the changed ones', async () => {
    const gh = await start()
    await appendHistory(deps(), REF, run({ sha: 'small', tests: { a: 'passed' } }))
    expect(gh.fileOn(BRANCH, 'tests-0-of-1.json')).toBeDefined()
    const tests = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, i) => [
        `src/area-${i % 40}/module-${i}.test.ts › Module ${i} › works`,
        'passed' as const
      ])
    )
    await appendHistory(deps(), REF, run({ sha: 'big1', tests }))
    const commits = gh.commits.size
    const files = [
      ...gh.trees.get(gh.commits.get(gh.refs.get(`refs/heads/${BRANCH}`)!)!.tree)!.entries.keys()
    ]
    const { shards } = decodeRunsFile(gh.fileOn(BRANCH, RUNS_FILE)!)
    expect(shards).toBeGreaterThan(1)
    expect(files).toHaveLength(1 + shards) // the single shard of the small ledger is gone
    expect(files).not.toContain('tests-0-of-1.json')
    const total = files.reduce((n, f) => n + gh.fileOn(BRANCH, f)!.length, 0)
    expect(total).toBeGreaterThan(1_000_000) // over the contents API's 1 MB step, in files under it
    expect(files.every((f) => gh.fileOn(BRANCH, f)!.length < 1_000_000)).toBe(true)

    const stored = (await readHistory(deps(), REF))!
    expect(stored.ledger.tests.size).toBe(20_001)
    const blobsBefore = gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/blobs')).length
    await appendHistory(
      deps(),
      REF,
      run({ sha: 'big2', tests: { 'src/area-0/module-0.test.ts › Module 0 › works': 'failed' } }),
      stored
    )
    const blobsWritten =
      gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/blobs')).length - blobsBefore
    expect(gh.commits.size).toBe(commits + 1)
    expect(blobsWritten).toBe(2) // runs.json and the one shard holding that test
  }, 60_000)

  it('reads a format-1 ledger meanwhile, and migrates it on the first write', async () => {
    const gh = await start()
    const old = Array.from({ length: 30 }, (_, i) =>
      run({ sha: `o${i}`, tests: { a: i % 3 === 0 ? 'flaky' : 'passed' } })
    )
    gh.seedFile(BRANCH, LEGACY_LEDGER_FILE, encodeLegacyLedger({ runs: old }))
    const d = deps()
    const stored = (await readHistory(d, REF))!
    expect(stored.format).toBe('legacy')
    expect(stored.ledger.runs).toHaveLength(30)
    expect(d.log.entries.find((l) => l.level === 'info')!.message).toMatch(
      /pyramid-ledger.json of an earlier version/
    )

    const next = run({ sha: 'n1', tests: { a: 'passed' } })
    await appendHistory(d, REF, next, stored)
    expect(gh.fileOn(BRANCH, LEGACY_LEDGER_FILE)).toBeUndefined() // deleted in the migrating commit
    expect(await keysOnBranch()).toEqual([...old, next].map(key))
    expect(d.log.entries.some((l) => /migrated pyramid-ledger.json \(30 runs\)/.test(l.message))).toBe(true)
  })

  it('degrades to a warning with a read-only token, never throwing', async () => {
    await start()
    await appendHistory(deps(), REF, run({ sha: 'rw', tests: { a: 'passed' } }))
    const d = deps('readonly')
    expect(await readHistory(d, REF)).toBeDefined() // a fork PR's token still reads
    await expect(appendHistory(d, REF, run({ sha: 'ro', tests: { a: 'passed' } }))).resolves.toBeUndefined()
    expect(d.log.entries.find((l) => l.level === 'warning')!.message).toMatch(
      /History was not updated: .*contents: write/
    )
  })

  it('degrades to "no history" when the token may not read, GitHub cannot be reached or the ledger is corrupt', async () => {
    const gh = await start()
    await appendHistory(deps(), REF, run({ sha: 'ok', tests: { a: 'passed' } }))
    const none = deps('noaccess')
    expect(await readHistory(none, REF)).toBeUndefined()
    expect(none.log.entries.find((l) => l.level === 'warning')!.message).toMatch(
      /History is not available.*may read contents/
    )

    gh.seedFile(BRANCH, RUNS_FILE, '{"v":2,"shards":1,"runs":"garbage"}')
    const d = deps()
    expect(await readHistory(d, REF)).toBeUndefined()
    expect(d.log.entries.find((l) => l.level === 'warning')!.message).toContain('"runs" is not a list')
    const fresh = run({ sha: 'after', tests: { a: 'passed' } })
    await appendHistory(d, REF, fresh) // a corrupt ledger is replaced, not a dead end
    expect(await keysOnBranch()).toEqual([key(fresh)])

    const url = gh.url
    await gh.stop()
    standIn = undefined
    const offline: HistoryDeps & { log: RecordingLog } = {
      octokit: octokitFor(url, 'bot'),
      log: recordingLog(),
      clock: systemClock
    }
    expect(await readHistory(offline, REF)).toBeUndefined()
    expect(offline.log.entries.find((l) => l.level === 'warning')!.message).toContain(
      'History is not available'
    )
  })
})
