import { afterEach, describe, expect, it } from '@jest/globals'
import {
  appendHistory,
  LEDGER_PATH,
  readHistory,
  type HistoryDeps
} from '../../src/adapters/github/history-store.js'
import { decodeLedger } from '../../src/core/history/ledger-codec.js'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import {
  ACTIONS_BOT,
  octokitFor,
  realClock,
  recordingLog,
  type RecordingLog
} from '../stand-ins/github/fixtures.js'
import { run } from '../history/runs.js'

const REF = { owner: 'acme', repo: 'orders', branch: 'pyramid-history' }
let standIn: GitHubStandIn | undefined

async function start(latencyMs = 0) {
  standIn = new GitHubStandIn({
    repository: 'acme/orders',
    tokens: { bot: { user: ACTIONS_BOT, canWrite: true }, readonly: { user: ACTIONS_BOT, canWrite: false } },
    latencyMs
  })
  await standIn.start()
  return standIn
}

function deps(token = 'bot', log: RecordingLog = recordingLog()): HistoryDeps & { log: RecordingLog } {
  return { octokit: octokitFor(standIn!.url, token), log, clock: realClock }
}

afterEach(async () => {
  if (!standIn) return
  expect(standIn.problems).toEqual([])
  await standIn.stop()
  standIn = undefined
})

describe('history store', () => {
  it('reads "no history" with a notice when the branch is missing, then creates it as an orphan', async () => {
    const gh = await start()
    const d = deps()
    expect(await readHistory(d, REF)).toBeUndefined()
    expect(d.log.lines.some((l) => l.level === 'info' && l.message.includes('No history yet'))).toBe(true)

    const first = run({ sha: 's1', tests: { a: 'passed' } })
    await appendHistory(d, REF, first)
    const head = gh.refs.get('refs/heads/pyramid-history')!
    expect(gh.commits.get(head)!.parents).toEqual([]) // orphan: no history shared with the code
    expect(await readHistory(d, REF)).toEqual({ runs: [first] })

    const second = run({ sha: 's2', tests: { a: 'failed' } })
    await appendHistory(d, REF, second)
    expect(gh.commits.get(gh.refs.get('refs/heads/pyramid-history')!)!.parents).toEqual([head])
    expect((await readHistory(d, REF))!.runs).toEqual([first, second])
    expect(d.log.lines.filter((l) => l.level === 'warning')).toEqual([])
  })

  it('two writers racing on the ledger lose no record (sha conflicts are re-read and merged)', async () => {
    const gh = await start(20)
    await appendHistory(deps(), REF, run({ sha: 'base', tests: { a: 'passed' } }))
    const a = Array.from({ length: 6 }, (_, i) => run({ sha: `a${i}`, tests: { a: 'passed' } }))
    const b = Array.from({ length: 6 }, (_, i) => run({ sha: `b${i}`, tests: { a: 'passed' } }))
    const writer = async (records: typeof a) => {
      for (const r of records) await appendHistory(deps(), REF, r)
    }
    await Promise.all([writer(a), writer(b)])
    const ledger = decodeLedger(gh.fileOn('pyramid-history', LEDGER_PATH)!)
    expect(ledger.runs).toHaveLength(13)
    expect(new Set(ledger.runs.map((r) => r.sha.slice(0, 2)))).toEqual(
      new Set(['ba', ...a.map((r) => r.sha.slice(0, 2)), ...b.map((r) => r.sha.slice(0, 2))])
    )
    const conflicts = gh.requests.filter((r) => r.method === 'PUT' && r.status === 409).length
    expect(conflicts).toBeGreaterThan(0)
    process.stdout.write(
      `ledger race: 2 writers × 6 records → ${ledger.runs.length - 1} kept, ${conflicts} conflicts (409) resolved\n`
    )
  })

  it('two writers creating the missing branch at once: both records kept', async () => {
    const gh = await start(20)
    const r1 = run({ sha: 'p1', tests: { a: 'passed' } })
    const r2 = run({ sha: 'p2', tests: { a: 'passed' } })
    await Promise.all([appendHistory(deps(), REF, r1), appendHistory(deps(), REF, r2)])
    const ledger = decodeLedger(gh.fileOn('pyramid-history', LEDGER_PATH)!)
    expect(ledger.runs.map((r) => r.runId).sort()).toEqual([r1.runId, r2.runId].sort())
  })

  it('degrades to a warning with a read-only token, never throwing', async () => {
    await start()
    const d = deps('readonly')
    await expect(appendHistory(d, REF, run({ sha: 'ro', tests: { a: 'passed' } }))).resolves.toBeUndefined()
    expect(d.log.lines.find((l) => l.level === 'warning')!.message).toMatch(
      /History was not updated: .*contents: write/
    )
  })

  it('degrades to "no history" when GitHub cannot be reached or the ledger is corrupt', async () => {
    const gh = await start()
    await appendHistory(deps(), REF, run({ sha: 'ok', tests: { a: 'passed' } }))
    const blob = [
      ...gh.trees.get(gh.commits.get(gh.refs.get('refs/heads/pyramid-history')!)!.tree)!.entries.values()
    ][0]!
    gh.blobs.set(blob, '{"v":1,"ids":[],"runs":"garbage"}')
    const d = deps()
    expect(await readHistory(d, REF)).toBeUndefined()
    expect(d.log.lines.find((l) => l.level === 'warning')!.message).toContain('"runs" is not a list')

    const url = gh.url
    await gh.stop()
    standIn = undefined
    const offline: HistoryDeps & { log: RecordingLog } = {
      octokit: octokitFor(url, 'bot'),
      log: recordingLog(),
      clock: realClock
    }
    expect(await readHistory(offline, REF)).toBeUndefined()
    expect(offline.log.lines.find((l) => l.level === 'warning')!.message).toContain(
      'History is not available'
    )
  })
})
