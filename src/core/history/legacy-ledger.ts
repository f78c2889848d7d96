/**
 * The ledger of earlier versions (format version 1, `pyramid-ledger.json`, written through the contents
 * API): one record per run, test ids once in a dictionary, each run's tests as number tuples. It is read
 * until the first write in format 2 migrates it (migrate-ledger.ts); nothing writes it any more.
 *
 *   { "v": 1, "ids": ["file › suite › name", ...],
 *     "runs": [{ "s": sha, "r": runId, "a": attempt, "t": isoTime,
 *                "T": [[tier, setupMs, testMs, teardownMs, costUsd, infra(0|1)], ...],
 *                "x": [[idIndex, tier * 4 + outcome, attempts, durationMs], ...] }] }
 *
 * It was capped at 500 runs and 900 KB (the contents API returns files up to 1 MB inline), so it held
 * about 45,000 test results: 4 runs of a 10,000-test suite.
 */
import { TIER_ORDER, type TestStatus, type Tier } from '../results/model.js'
import type { RunRecord, TestRecord, TierRecord } from './record.js'

export const LEGACY_LEDGER_FILE = 'pyramid-ledger.json'

/** Runs oldest first. */
export interface LegacyHistory {
  runs: RunRecord[]
}

/** The v1 codes: outcome = code % 4, tier = floor(code / 4). */
export const LEGACY_OUTCOMES: readonly TestStatus[] = ['passed', 'failed', 'flaky', 'skipped']

type TierRow = [number, number, number, number, number, number]
type TestRow = [number, number, number, number]

/** Parse a ledger file. Throws, naming what is wrong, when the text is not a version-1 ledger. */
export function decodeLedger(text: string): LegacyHistory {
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
    const outcome = LEGACY_OUTCOMES[tr[1] % 4]
    if (id === undefined || outcome === undefined) throw bad('a test row points outside the id list')
    return { id, tier: tierOf(Math.floor(tr[1] / 4), bad), outcome, attempts: tr[2], durationMs: tr[3] }
  })
  return { sha: s, runId: r, runAttempt: a, at: t, tiers, tests }
}

function tierOf(code: number, bad: (why: string) => Error): Tier {
  const t = TIER_ORDER[code]
  if (t === undefined) throw bad(`unknown tier code ${code}`)
  return t
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
