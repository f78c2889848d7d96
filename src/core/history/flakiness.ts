/**
 * Flakiness across runs, from the ledger and the current run. Pure.
 *
 * Evidence that a test is flaky (any one is enough):
 *  - direct: it failed and then passed inside one run (outcome "flaky"), or it has mixed outcomes on
 *    the same commit (a re-run attempt passed where another failed);
 *  - by rate: over the window it failed in at least two separate episodes with passes in between, with
 *    at least FLAKY_MIN_SAMPLE executions (one failure streak is a regression, not a flake).
 * Tiers that were infrastructure failures (setup failed, or more than 80% of executed tests failed) are
 * left out entirely. An e2e failure whose integration twin passed at the same commit is a parity gap.
 */
import type { Tier } from '../results/model.js'
import { runKey, type History, type RunRecord, type TestRecord } from './record.js'
import { trendPoints, type TrendPoint } from './trend.js'

export const FLAKY_WINDOW_RUNS = 50
export const FLAKY_MIN_SAMPLE = 5
export const RECOVERY_RUNS = 10

export interface FlakyTest {
  id: string
  tier: Tier
  /** Failed or flaky executions / executions, over the window (current run included). */
  rate: number
  samples: number
  failures: number
  /** Human evidence, e.g. "failed then passed in this run", "mixed outcomes on abc1234". */
  evidence: string[]
  /** Flaky in the current run. */
  flakyNow: boolean
}

export interface ParityGap {
  sha: string
  integrationId: string
  e2eId: string
}

export interface FlakinessInsights {
  /** Usable earlier runs in the window. */
  windowRuns: number
  /** Earlier runs in the window with at least one tier left out as an infrastructure failure. */
  infraRuns: number
  currentInfraTiers: Tier[]
  newFlaky: FlakyTest[]
  knownFlaky: FlakyTest[]
  recovered: FlakyTest[]
  parityGaps: ParityGap[]
  trend: TrendPoint[]
}

interface Sample {
  sha: string
  outcome: TestRecord['outcome']
  current: boolean
}

export function analyseFlakiness(history: History, current: RunRecord): FlakinessInsights {
  const earlier = history.runs.filter((r) => runKey(r) !== runKey(current))
  const window = earlier.slice(Math.max(0, earlier.length - FLAKY_WINDOW_RUNS))
  const samples = new Map<string, Sample[]>()
  const add = (run: RunRecord, isCurrent: boolean) => {
    const infra = infraTiers(run)
    for (const t of run.tests) {
      if (t.outcome === 'skipped' || infra.has(t.tier)) continue
      const key = testKey(t)
      const list = samples.get(key) ?? []
      list.push({ sha: run.sha, outcome: t.outcome, current: isCurrent })
      samples.set(key, list)
    }
  }
  for (const run of window) add(run, false)
  add(current, true)

  const parityGaps = findParityGaps([...earlier.filter((r) => r.sha === current.sha), current], current.sha)
  const parityE2e = new Set(parityGaps.map((g) => g.e2eId))
  const newFlaky: FlakyTest[] = []
  const knownFlaky: FlakyTest[] = []
  const recovered: FlakyTest[] = []
  for (const [key, list] of samples) {
    const [tier, id] = splitKey(key)
    const past = list.filter((s) => !s.current)
    const now = list.find((s) => s.current)
    const pastEvidence = evidenceOf(past, false)
    const nowEvidence = now ? evidenceOf(list, true).filter((e) => !pastEvidence.includes(e)) : []
    const flakyNow = now !== undefined && (now.outcome === 'flaky' || nowEvidence.length > 0)
    const failures = list.filter((s) => s.outcome !== 'passed').length
    const test: FlakyTest = {
      id,
      tier,
      rate: failures / list.length,
      samples: list.length,
      failures,
      evidence: [...pastEvidence, ...nowEvidence],
      flakyNow
    }
    if (pastEvidence.length === 0) {
      if (flakyNow && !(tier === 'e2e' && parityE2e.has(id))) newFlaky.push(test)
      continue
    }
    const tail = list.slice(-RECOVERY_RUNS)
    if (!flakyNow && tail.length === RECOVERY_RUNS && tail.every((s) => s.outcome === 'passed'))
      recovered.push(test)
    else knownFlaky.push(test)
  }
  const byRate = (a: FlakyTest, b: FlakyTest) => b.rate - a.rate || (a.id < b.id ? -1 : 1)
  const byId = (a: FlakyTest, b: FlakyTest) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return {
    windowRuns: window.length,
    infraRuns: window.filter((r) => infraTiers(r).size > 0).length,
    currentInfraTiers: [...infraTiers(current)],
    newFlaky: newFlaky.sort(byId),
    knownFlaky: knownFlaky.sort(byRate),
    recovered: recovered.sort(byId),
    parityGaps,
    trend: trendPoints([...earlier, current])
  }
}

/** Tiers of a run left out of flakiness: flagged by the tier, or the whole run failed over 80%. */
export function infraTiers(run: RunRecord): Set<Tier> {
  const out = new Set(run.tiers.filter((t) => t.infraFailure).map((t) => t.tier))
  const executed = run.tests.filter((t) => t.outcome !== 'skipped')
  const failed = executed.filter((t) => t.outcome === 'failed')
  if (executed.length >= 5 && failed.length / executed.length > 0.8)
    for (const t of run.tiers) out.add(t.tier)
  return out
}

function evidenceOf(list: readonly Sample[], withCurrent: boolean): string[] {
  const out: string[] = []
  const flakyRuns = list.filter((s) => s.outcome === 'flaky')
  const mine = withCurrent ? flakyRuns.filter((s) => s.current) : flakyRuns
  if (mine.length > 0)
    out.push(withCurrent ? 'failed then passed in this run' : `failed then passed in ${mine.length} run(s)`)
  const bySha = new Map<string, Set<string>>()
  for (const s of list)
    bySha.set(s.sha, (bySha.get(s.sha) ?? new Set()).add(s.outcome === 'failed' ? 'f' : 'p'))
  for (const [sha, seen] of bySha) if (seen.size === 2) out.push(`mixed outcomes on ${sha.slice(0, 7)}`)
  if (!withCurrent && list.length >= FLAKY_MIN_SAMPLE) {
    const episodes = failureEpisodes(list)
    if (episodes >= 2) out.push(`failed in ${episodes} separate streaks over ${list.length} runs`)
  }
  return out
}

function failureEpisodes(list: readonly Sample[]): number {
  let episodes = 0
  let inFailure = false
  for (const s of list) {
    const failed = s.outcome === 'failed'
    if (failed && !inFailure) episodes++
    inFailure = failed
  }
  return episodes
}

/** Integration pass / e2e fail of the same test (same file stem, suite and name) at one commit. */
function findParityGaps(runs: readonly RunRecord[], sha: string): ParityGap[] {
  const passedInt = new Map<string, string>()
  const failedE2e = new Map<string, string>()
  for (const run of runs) {
    for (const t of run.tests) {
      if (t.tier === 'integration' && t.outcome !== 'failed' && t.outcome !== 'skipped')
        passedInt.set(parityKey(t.id), t.id)
      if (t.tier === 'e2e' && t.outcome === 'failed') failedE2e.set(parityKey(t.id), t.id)
    }
  }
  const gaps: ParityGap[] = []
  for (const [key, e2eId] of failedE2e) {
    const integrationId = passedInt.get(key)
    if (integrationId !== undefined) gaps.push({ sha, integrationId, e2eId })
  }
  return gaps.sort((a, b) => (a.e2eId < b.e2eId ? -1 : 1))
}

/** "test/e2e/orders.e2e.test.ts › Orders › creates" and "test/integration/orders.test.ts › Orders › creates" match. */
export function parityKey(id: string): string {
  const [file = '', ...rest] = id.split(' › ')
  const base = file.split(/[\\/]/).pop() ?? ''
  const stem = base
    .replace(/\.[cm]?[jt]sx?$|\.py$|\.go$/, '')
    .split('.')
    .filter((p) => !['test', 'spec', 'e2e', 'int', 'integ', 'integration', 'it'].includes(p.toLowerCase()))
    .join('.')
    .replace(/[-_](e2e|integration|int|it)$/i, '')
  return [stem, ...rest].join(' › ')
}

function testKey(t: Pick<TestRecord, 'tier' | 'id'>): string {
  return `${t.tier}\u0000${t.id}`
}
function splitKey(key: string): [Tier, string] {
  const i = key.indexOf('\u0000')
  return [key.slice(0, i) as Tier, key.slice(i + 1)]
}
