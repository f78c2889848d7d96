/**
 * The writer of the format-1 ledger, as earlier versions shipped it (src/ keeps only its reader): for
 * migration tests and for the bench's baseline, the contents-API ledger at its caps.
 */
import { LEGACY_OUTCOMES, type LegacyHistory } from '../../src/core/history/legacy-ledger.js'
import { TIER_ORDER } from '../../src/core/results/model.js'
import type { RunRecord } from '../../src/core/history/record.js'

export const LEDGER_MAX_RUNS = 500
export const LEDGER_MAX_BYTES = 900_000

/** Serialise, dropping the oldest runs until both caps hold. */
export function encodeLegacyLedger(
  history: LegacyHistory,
  caps = { maxRuns: LEDGER_MAX_RUNS, maxBytes: LEDGER_MAX_BYTES }
): string {
  let runs = history.runs.slice(Math.max(0, history.runs.length - caps.maxRuns))
  for (;;) {
    const text = encodeRuns(runs)
    const bytes = Buffer.byteLength(text)
    if (bytes <= caps.maxBytes || runs.length === 0) return text
    runs = runs.slice(Math.max(1, Math.ceil(runs.length * (1 - caps.maxBytes / bytes))))
  }
}

/** Union by run key, oldest first, newest kept when over the cap (how v1 writers merged a race). */
export function mergeLegacy(a: LegacyHistory, b: LegacyHistory, maxRuns = LEDGER_MAX_RUNS): LegacyHistory {
  const byKey = new Map<string, RunRecord>()
  for (const r of [...a.runs, ...b.runs]) byKey.set(`${r.runId}#${r.runAttempt}`, r)
  const runs = [...byKey.values()].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
  return { runs: runs.slice(Math.max(0, runs.length - maxRuns)) }
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
  const rows = runs.map((r) => ({
    s: r.sha,
    r: r.runId,
    a: r.runAttempt,
    t: r.at,
    T: r.tiers.map((t) => [
      TIER_ORDER.indexOf(t.tier),
      t.setupMs,
      t.testMs,
      t.teardownMs,
      Math.round(t.costUsd * 1e6) / 1e6,
      t.infraFailure ? 1 : 0
    ]),
    x: r.tests.map((t) => [
      idOf(t.id),
      TIER_ORDER.indexOf(t.tier) * 4 + LEGACY_OUTCOMES.indexOf(t.outcome),
      t.attempts,
      t.durationMs
    ])
  }))
  return JSON.stringify({ v: 1, ids, runs: rows })
}
