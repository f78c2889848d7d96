/**
 * The ledger as files on the history branch (format version 2). Pure: text in, text out.
 *
 *   runs.json             { "v": 2, "shards": 4, "runs": [[seq, sha, runId, attempt, isoTime,
 *                             [[tier, setupMs, testMs, teardownMs, costUsd, infra 0|1, executed, failed, flaky], ...]], ...] }
 *   tests-00-of-04.json   { "v": 2, "shard": 0, "of": 4, "tests": [[id, tier, end, outcomes, durations,
 *                             firstSeenEpochSeconds, mixedSha...], ...] }
 *
 * Tests are split over shards by a hash of tier and id, so a test always lands in the same file and a
 * large suite is several files of about SHARD_TARGET_BYTES each, read and written in parallel. The shard
 * count only grows (a power of two, chosen when writing), so files are not reshuffled back and forth.
 * Outcomes and durations are run-length encoded (window-encoding.ts).
 */
import { TIER_ORDER, type Tier } from '../results/model.js'
import type { Ledger, RunSummary, TestWindow, TierSummary } from './ledger.js'
import { windowKey } from './ledger.js'
import { isDurations, isOutcomes, runLengthDecode, runLengthEncode } from './window-encoding.js'

export const RUNS_FILE = 'runs.json'
export const SHARD_TARGET_BYTES = 512_000
const MAX_SHARDS = 256

export function shardFile(index: number, of: number): string {
  const width = String(of - 1).length
  return `tests-${String(index).padStart(width, '0')}-of-${String(of).padStart(width, '0')}.json`
}

/** Whether a path on the history branch is one of the ledger's test shards (of any shard count). */
export function isShardFile(path: string): boolean {
  return /^tests-\d+-of-\d+\.json$/.test(path)
}

/** All files of the ledger, by path. `minShards`: the shard count already on the branch. */
export function encodeLedgerFiles(ledger: Ledger, minShards = 1): Map<string, string> {
  const rows: { key: string; json: string }[] = []
  let bytes = 0
  for (const [key, w] of ledger.tests) {
    const json = testRow(w)
    bytes += json.length + 1
    rows.push({ key, json })
  }
  const shards = Math.max(
    minShards,
    Math.min(MAX_SHARDS, nextPowerOfTwo(Math.ceil(bytes / SHARD_TARGET_BYTES)))
  )
  const byShard: string[][] = Array.from({ length: shards }, () => [])
  for (const r of rows) byShard[shardOf(r.key, shards)]!.push(r.json)
  const files = new Map<string, string>()
  files.set(RUNS_FILE, JSON.stringify({ v: 2, shards, runs: ledger.runs.map(runRow) }))
  byShard.forEach((list, i) =>
    files.set(shardFile(i, shards), `{"v":2,"shard":${i},"of":${shards},"tests":[${list.join(',')}]}`)
  )
  return files
}

export interface RunsFile {
  shards: number
  runs: RunSummary[]
}

/** Throws, naming what is wrong, when the text is not a version-2 runs file. */
export function decodeRunsFile(text: string): RunsFile {
  const data = parse(text, RUNS_FILE)
  const { shards, runs } = data
  if (!isNat(shards) || shards < 1 || shards > MAX_SHARDS) throw bad(RUNS_FILE, '"shards" is not a count')
  if (!Array.isArray(runs)) throw bad(RUNS_FILE, '"runs" is not a list')
  let last = 0
  const out = runs.map((row, i) => {
    const r = decodeRun(row, (why) => bad(RUNS_FILE, `run ${i}: ${why}`))
    if (r.seq <= last) throw bad(RUNS_FILE, `run ${i}: numbers are not increasing`)
    last = r.seq
    return r
  })
  return { shards, runs: out }
}

/** The windows of one shard, clipped to the kept runs. Throws when the text is not that shard. */
export function decodeShard(text: string, path: string, runs: readonly RunSummary[]): TestWindow[] {
  const data = parse(text, path)
  if (!Array.isArray(data['tests'])) throw bad(path, '"tests" is not a list')
  const first = runs[0]?.seq ?? 1
  const last = runs.at(-1)?.seq ?? 0
  const out: TestWindow[] = []
  for (const row of data['tests'] as unknown[]) {
    const w = decodeTestRow(row, first, last, (why) => bad(path, why))
    if (w) out.push(w)
  }
  return out
}

export function ledgerOf(runs: readonly RunSummary[], windows: Iterable<TestWindow>): Ledger {
  const tests = new Map<string, TestWindow>()
  for (const w of windows) tests.set(windowKey(w), w)
  return { runs, tests }
}

/** FNV-1a over the key: stable across versions and platforms. */
export function shardOf(key: string, shards: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % shards
}

/** One test as a JSON row. The encoded windows are letters, digits and "+/-_()[]<>{}.": never escaped. */
function testRow(w: TestWindow): string {
  const mixed = w.mixed.map((m) => `,${JSON.stringify(m)}`).join('')
  return `[${JSON.stringify(w.id)},${TIER_ORDER.indexOf(w.tier)},${w.end},"${runLengthEncode(w.outcomes)}","${runLengthEncode(w.durations)}",${Math.round(Date.parse(w.firstSeen) / 1000)}${mixed}]`
}

/** A window, or undefined when its last run is not a kept run (it rolled off). */
function decodeTestRow(
  row: unknown,
  first: number,
  last: number,
  bad: (why: string) => Error
): TestWindow | undefined {
  if (!Array.isArray(row) || row.length < 6) throw bad('a test row is not a list of at least 6 values')
  const [id, tier, end, outcomes, durations, firstSeen] = row as unknown[]
  if (typeof id !== 'string' || !isNat(end) || !isNat(firstSeen))
    throw bad('a test row has no id, end or first seen')
  if (typeof outcomes !== 'string' || typeof durations !== 'string') throw bad(`"${id}": outcomes missing`)
  const mixed = row.length > 6 ? row.slice(6) : []
  if (!mixed.every((m) => typeof m === 'string')) throw bad(`"${id}": a mixed-outcome commit is not a sha`)
  if (end < first || end > last) return undefined
  const o = runLengthDecode(outcomes, end - first + 1)
  const d = runLengthDecode(durations, o.length)
  if (o.length !== d.length || o.length === 0) throw bad(`"${id}": outcomes and durations differ in length`)
  if (!isOutcomes(o) || !isDurations(d))
    throw bad(`"${id}": a window holds characters of no outcome or duration`)
  return {
    id,
    tier: tierOf(tier, bad),
    end,
    outcomes: o,
    durations: d,
    firstSeen: new Date(firstSeen * 1000).toISOString(),
    mixed: mixed as string[]
  }
}

function runRow(r: RunSummary): unknown[] {
  return [
    r.seq,
    r.sha,
    r.runId,
    r.runAttempt,
    r.at,
    r.tiers.map((t) => [
      TIER_ORDER.indexOf(t.tier),
      t.setupMs,
      t.testMs,
      t.teardownMs,
      Math.round(t.costUsd * 1e6) / 1e6,
      t.infraFailure ? 1 : 0,
      t.executed,
      t.failed,
      t.flaky
    ])
  ]
}

function decodeRun(row: unknown, bad: (why: string) => Error): RunSummary {
  if (!Array.isArray(row) || row.length !== 6) throw bad('not a list of 6 values')
  const [seq, sha, runId, runAttempt, at, tiers] = row as unknown[]
  if (!isNat(seq) || typeof sha !== 'string' || typeof runId !== 'string' || !isNat(runAttempt))
    throw bad('number, sha, run id or attempt missing')
  if (typeof at !== 'string' || !Array.isArray(tiers)) throw bad('time or tiers missing')
  return {
    seq,
    sha,
    runId,
    runAttempt,
    at,
    tiers: tiers.map((t: unknown): TierSummary => {
      if (!Array.isArray(t) || t.length !== 9 || !t.every((n) => typeof n === 'number' && Number.isFinite(n)))
        throw bad('a tier row is not 9 numbers')
      const [tier, setupMs, testMs, teardownMs, costUsd, infra, executed, failed, flaky] = t as number[]
      return {
        tier: tierOf(tier, bad),
        setupMs: setupMs!,
        testMs: testMs!,
        teardownMs: teardownMs!,
        costUsd: costUsd!,
        infraFailure: infra === 1,
        executed: executed!,
        failed: failed!,
        flaky: flaky!
      }
    })
  }
}

function parse(text: string, path: string): Record<string, unknown> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw bad(path, `not JSON (${(e as Error).message})`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { v?: unknown }).v !== 2)
    throw bad(path, 'unknown format version (expected "v": 2)')
  return data as Record<string, unknown>
}

function bad(path: string, why: string): Error {
  return new Error(`history file ${path} is not readable: ${why}`)
}
function tierOf(code: unknown, bad: (why: string) => Error): Tier {
  const t = typeof code === 'number' ? TIER_ORDER[code] : undefined
  if (t === undefined) throw bad(`unknown tier code ${String(code)}`)
  return t
}
function isNat(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0
}
function nextPowerOfTwo(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}
