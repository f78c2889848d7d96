/**
 * The ledger file format (version 1), compact because it is re-read on every run: test ids are stored
 * once in a dictionary and each run lists its tests as number tuples.
 *
 *   { "v": 1, "ids": ["file › suite › name", ...],
 *     "runs": [{ "s": sha, "r": runId, "a": attempt, "t": isoTime,
 *                "T": [[tier, setupMs, testMs, teardownMs, costUsd, infra(0|1)], ...],
 *                "x": [[idIndex, tier * 4 + outcome, attempts, durationMs], ...] }] }
 *
 * Bounded: at most LEDGER_MAX_RUNS runs and LEDGER_MAX_BYTES bytes, oldest runs roll off first. 500 runs
 * is months of default-branch pushes for a busy repository and far more than the analysis window; the
 * byte cap keeps the file under the 1 MB up to which the contents API returns a file inline (base64).
 */
import { TIER_ORDER, type TestStatus, type Tier } from '../results/model.js'
import type { History, RunRecord, TestRecord, TierRecord } from './record.js'

export const LEDGER_MAX_RUNS = 500
export const LEDGER_MAX_BYTES = 900_000

const OUTCOMES: readonly TestStatus[] = ['passed', 'failed', 'flaky', 'skipped']

type TierRow = [number, number, number, number, number, number]
type TestRow = [number, number, number, number]
interface RunRow {
  s: string
  r: string
  a: number
  t: string
  T: TierRow[]
  x: TestRow[]
}
interface LedgerFile {
  v: 1
  ids: string[]
  runs: RunRow[]
}

/** Serialise, dropping the oldest runs until both caps hold. */
export function encodeLedger(
  history: History,
  caps = { maxRuns: LEDGER_MAX_RUNS, maxBytes: LEDGER_MAX_BYTES }
): string {
  let runs = history.runs.slice(Math.max(0, history.runs.length - caps.maxRuns))
  for (;;) {
    const text = encodeRuns(runs)
    if (utf8Bytes(text) <= caps.maxBytes || runs.length === 0) return text
    // Drop roughly the overflowing share at once (at least one run) rather than one run per pass.
    const over = utf8Bytes(text) / caps.maxBytes
    runs = runs.slice(Math.max(1, Math.ceil(runs.length * (1 - 1 / over))))
  }
}

function encodeRuns(runs: readonly RunRecord[]): string {
  const ids: string[] = []
  const index = new Map<string, number>()
  const idOf = (id: string) => {
    let i = index.get(id)
    if (i === undefined) {
      i = ids.push(id) - 1
      index.set(id, i)
    }
    return i
  }
  const rows: RunRow[] = runs.map((r) => ({
    s: r.sha,
    r: r.runId,
    a: r.runAttempt,
    t: r.at,
    T: r.tiers.map((t) => [
      tierCode(t.tier),
      t.setupMs,
      t.testMs,
      t.teardownMs,
      round6(t.costUsd),
      t.infraFailure ? 1 : 0
    ]),
    x: r.tests.map((t) => [
      idOf(t.id),
      tierCode(t.tier) * 4 + OUTCOMES.indexOf(t.outcome),
      t.attempts,
      t.durationMs
    ])
  }))
  const file: LedgerFile = { v: 1, ids, runs: rows }
  return JSON.stringify(file)
}

/** Parse a ledger file. Throws, naming what is wrong, when the text is not a version-1 ledger. */
export function decodeLedger(text: string): History {
  const bad = (why: string) => new Error(`history ledger is not readable: ${why}`)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`)
  }
  if (!isObject(data) || data['v'] !== 1) throw bad('unknown format version (expected "v": 1)')
  const ids = data['ids']
  const runs = data['runs']
  if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string'))
    throw bad('"ids" is not a list of strings')
  if (!Array.isArray(runs)) throw bad('"runs" is not a list')
  return { runs: runs.map((row, i) => decodeRun(row, ids as string[], (why) => bad(`run ${i}: ${why}`))) }
}

function decodeRun(row: unknown, ids: string[], bad: (why: string) => Error): RunRecord {
  if (!isObject(row)) throw bad('not an object')
  const { s, r, a, t, T, x } = row
  if (typeof s !== 'string' || typeof r !== 'string' || typeof t !== 'string' || !isNat(a)) {
    throw bad('sha, run id, attempt or time missing')
  }
  if (!Array.isArray(T) || !Array.isArray(x)) throw bad('tiers or tests missing')
  const tiers: TierRecord[] = T.map((tr: unknown) => {
    if (!isNumbers(tr, 6)) throw bad('a tier row is not 6 numbers')
    return {
      tier: tierOf(tr[0], bad),
      setupMs: tr[1],
      testMs: tr[2],
      teardownMs: tr[3],
      costUsd: tr[4],
      infraFailure: tr[5] === 1
    }
  })
  const tests: TestRecord[] = x.map((tr: unknown) => {
    if (!isNumbers(tr, 4)) throw bad('a test row is not 4 numbers')
    const id = ids[tr[0]]
    const outcome = OUTCOMES[tr[1] % 4]
    if (id === undefined || outcome === undefined) throw bad('a test row points outside the id list')
    return { id, tier: tierOf(Math.floor(tr[1] / 4), bad), outcome, attempts: tr[2], durationMs: tr[3] }
  })
  return { sha: s, runId: r, runAttempt: a, at: t, tiers, tests }
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}
function tierCode(t: Tier): number {
  return TIER_ORDER.indexOf(t)
}
function tierOf(code: number, bad: (why: string) => Error): Tier {
  const t = TIER_ORDER[code]
  if (t === undefined) throw bad(`unknown tier code ${code}`)
  return t
}
function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
function isNat(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0
}
function isNumbers<N extends 4 | 6>(v: unknown, n: N): v is N extends 4 ? TestRow : TierRow {
  return Array.isArray(v) && v.length === n && v.every((e) => typeof e === 'number' && Number.isFinite(e))
}
