/**
 * The history ledger: per run only the small things trends need (tier times, cost, counts), per test a
 * rolling window of its outcomes and quantised durations over the kept runs, first seen, and the commits
 * at which it both passed and failed. Its size grows with the number of tests, not tests × runs. Pure:
 * appending returns a new ledger and leaves the old one as it was.
 *
 * Runs are numbered in the order they were appended (`seq`); a window's last character belongs to run
 * `end`, the one before to `end - 1`, and so on. Every window lies within the kept runs: appending past
 * HISTORY_MAX_RUNS rolls the oldest run off every window, and a test absent from all kept runs is gone.
 */
import type { Tier } from '../results/model.js'
import { infraTiers, runKey, type RunRecord, type TierRecord } from './record.js'
import { ABSENT, durationChar, failedChar, outcomeChar, ran } from './window-encoding.js'

export const HISTORY_MAX_RUNS = 200

/** A tier of a run as the ledger keeps it; `infraFailure` also holds for a run that mostly failed (infraTiers). */
export interface TierSummary extends TierRecord {
  executed: number
  failed: number
  flaky: number
}

export interface RunSummary {
  seq: number
  sha: string
  runId: string
  runAttempt: number
  /** ISO time the run finished. */
  at: string
  tiers: TierSummary[]
}

export interface TestWindow {
  id: string
  tier: Tier
  /** seq of the run the last character belongs to (the last run the test was in). */
  end: number
  /** One outcome character per run up to `end` (window-encoding.ts). */
  outcomes: string
  /** One duration character per run, aligned with outcomes. */
  durations: string
  /** ISO time of the first run the test was in; kept after that run rolls off. */
  firstSeen: string
  /** Commits (full sha) of kept runs at which the test both passed and failed, oldest first. */
  mixed: string[]
}

export interface Ledger {
  /** Oldest first, at most HISTORY_MAX_RUNS. */
  runs: readonly RunSummary[]
  /** By windowKey. */
  tests: ReadonlyMap<string, TestWindow>
}

export const EMPTY_LEDGER: Ledger = { runs: [], tests: new Map() }

export function windowKey(t: { tier: Tier; id: string }): string {
  return `${t.tier}\u0000${t.id}`
}

export function hasRun(ledger: Ledger, record: Pick<RunRecord, 'runId' | 'runAttempt'>): boolean {
  const key = runKey(record)
  return ledger.runs.some((r) => runKey(r) === key)
}

export function summariseRun(record: RunRecord, seq: number): RunSummary {
  const infra = infraTiers(record)
  const counts = new Map<Tier, { executed: number; failed: number; flaky: number }>()
  for (const t of record.tiers) counts.set(t.tier, { executed: 0, failed: 0, flaky: 0 })
  for (const c of record.tests) {
    const n = counts.get(c.tier)
    if (!n || c.outcome === 'skipped') continue
    n.executed++
    if (c.outcome === 'failed') n.failed++
    if (c.outcome === 'flaky') n.flaky++
  }
  return {
    seq,
    sha: record.sha,
    runId: record.runId,
    runAttempt: record.runAttempt,
    at: record.at,
    tiers: record.tiers.map((t) => ({ ...t, infraFailure: infra.has(t.tier), ...counts.get(t.tier)! }))
  }
}

/** The ledger with one more run. A run already in the ledger (same run id and attempt) is not added twice. */
export function appendRun(ledger: Ledger, record: RunRecord, maxRuns = HISTORY_MAX_RUNS): Ledger {
  if (hasRun(ledger, record)) return ledger
  const seq = (ledger.runs.at(-1)?.seq ?? 0) + 1
  const summary = summariseRun(record, seq)
  const runs = [...ledger.runs, summary].slice(-maxRuns)
  const first = runs[0]!.seq
  const keptShas = new Set(runs.map((r) => r.sha))
  const infraAt = new Map(
    runs.map((r) => [r.seq, new Set(r.tiers.filter((t) => t.infraFailure).map((t) => t.tier))])
  )
  const sameCommit = runs.filter((r) => r.sha === record.sha && r.seq !== seq).map((r) => r.seq)

  const tests = new Map<string, TestWindow>()
  for (const [key, w] of ledger.tests) {
    if (w.end < first) continue
    tests.set(key, within(w, first, keptShas))
  }
  for (const t of record.tests) {
    const key = windowKey(t)
    const before = tests.get(key)
    let o: string = outcomeChar(t.outcome, t.attempts)
    let d = t.outcome === 'skipped' ? ABSENT : durationChar(t.durationMs)
    if (before?.end === seq) {
      // The same id twice in one run (same-named cases): keep the more telling outcome of the two.
      if (SEVERITY.indexOf(o) < SEVERITY.indexOf(before.outcomes.at(-1)!)) {
        o = before.outcomes.at(-1)!
        d = before.durations.at(-1)!
      }
    }
    const prior = before ? (before.end === seq ? dropLast(before) : before) : undefined
    const gap = prior ? ABSENT.repeat(seq - prior.end - 1) : ''
    const w: TestWindow = {
      id: t.id,
      tier: t.tier,
      end: seq,
      outcomes: (prior?.outcomes ?? '') + gap + o,
      durations: (prior?.durations ?? '') + gap + d,
      firstSeen: prior?.firstSeen ?? record.at,
      mixed: prior?.mixed ?? []
    }
    const infraNow = summary.tiers.some((s) => s.tier === t.tier && s.infraFailure)
    if (!infraNow && ran(o) && !w.mixed.includes(record.sha)) {
      const mixed = sameCommit.some((s) => {
        const c = charAt(w.outcomes, w.end, s)
        return ran(c) && !infraAt.get(s)?.has(t.tier) && failedChar(c) !== failedChar(o)
      })
      if (mixed) w.mixed = [...w.mixed, record.sha]
    }
    tests.set(key, w)
  }
  return { runs, tests }
}

/** The character of run `seq` in a window ending at `end` ("." outside it). */
export function charAt(chars: string, end: number, seq: number): string {
  const i = chars.length - 1 - (end - seq)
  return i >= 0 && i < chars.length ? chars[i]! : ABSENT
}

/** Least telling first: a failure outranks a flake, which outranks a pass. */
const SEVERITY = ['.', 's', 'p', 'k', 'f', 'F']

function within(w: TestWindow, first: number, keptShas: ReadonlySet<string>): TestWindow {
  const keep = w.end - first + 1
  const mixed = w.mixed.filter((s) => keptShas.has(s))
  if (w.outcomes.length <= keep && mixed.length === w.mixed.length) return w
  return { ...w, outcomes: w.outcomes.slice(-keep), durations: w.durations.slice(-keep), mixed }
}

function dropLast(w: TestWindow): TestWindow {
  return { ...w, end: w.end - 1, outcomes: w.outcomes.slice(0, -1), durations: w.durations.slice(0, -1) }
}
