/**
 * Flakiness across runs, from the ledger and the current run. Pure.
 *
 * Evidence that a test is flaky (any one is enough):
 *  - direct: it failed and then passed inside one run (outcome "flaky"), or it has mixed outcomes on
 *    the same commit (a re-run attempt passed where another failed);
 *  - by rate: over the window it failed in at least two separate episodes with passes in between, with
 *    at least FLAKY_MIN_SAMPLE executions (one failure streak is a regression, not a flake).
 * Tiers that were infrastructure failures (setup failed, or more than 80% of at least 5 executed tests
 * failed) are left out entirely. An e2e failure whose integration twin passed at the same commit is a
 * parity gap. Flaky tests are ranked by the moving average of their flip rate (flip-rate.ts).
 */
import { TIER_ORDER, type Tier } from '../results/model.js'
import { ewmaFlipRate, flipRate, FLIP_PERIOD_RUNS, type Verdict } from './flip-rate.js'
import { charAt, summariseRun, windowKey, type Ledger, type RunSummary, type TestWindow } from './ledger.js'
import { runKey, type RunRecord, type TestRecord } from './record.js'
import { trendPoints, type TrendPoint } from './trend.js'
import { failedChar, outcomeChar, ran } from './window-encoding.js'

export const FLAKY_WINDOW_RUNS = 50
export const FLAKY_MIN_SAMPLE = 5
export const RECOVERY_RUNS = 10
export const TOP_FLAKY = 10

export interface FlakyTest {
  id: string
  tier: Tier
  /** Failed or flaky executions / executions, over the window (current run included). */
  failureRate: number
  samples: number
  failures: number
  /** Changes of verdict / consecutive pairs of verdicts over the window (current run included). */
  flipRate: number
  /** Exponentially weighted moving average of the flip rate over all kept runs (flip-rate.ts). */
  ewma: number
  /** ISO time of the first run that had the test; undefined when it is new in this run. */
  firstSeen?: string
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
  /** Runs in the ledger (0: no history yet). */
  historyRuns: number
  /** Usable earlier runs in the window. */
  windowRuns: number
  /** Earlier runs in the window with at least one tier left out as an infrastructure failure. */
  infraRuns: number
  currentInfraTiers: Tier[]
  newFlaky: FlakyTest[]
  /** By ewma, then flip rate, then failure rate. */
  knownFlaky: FlakyTest[]
  recovered: FlakyTest[]
  /** New and known flaky tests with at least FLAKY_MIN_SAMPLE executions, the most flaky first. */
  topFlaky: FlakyTest[]
  parityGaps: ParityGap[]
  trend: TrendPoint[]
}

interface Sample {
  seq: number
  sha: string
  char: string
  inWindow: boolean
  current: boolean
}

export function analyseFlakiness(ledger: Ledger, current: RunRecord): FlakinessInsights {
  const key = runKey(current)
  const earlier = ledger.runs.filter((r) => runKey(r) !== key)
  const seq = (ledger.runs.at(-1)?.seq ?? 0) + 1
  const now = summariseRun(current, seq)
  const window = earlier.slice(-FLAKY_WINDOW_RUNS)
  const ctx = contextOf(earlier, window, now)
  const currentTests = new Map<string, TestRecord>()
  for (const t of current.tests) currentTests.set(windowKey(t), t)

  const newFlaky: FlakyTest[] = []
  const knownFlaky: FlakyTest[] = []
  const recovered: FlakyTest[] = []
  const parityGaps = findParityGaps(ledger, current, ctx)
  const parityE2e = new Set(parityGaps.map((g) => g.e2eId))
  const pairs: [TestWindow | undefined, TestRecord | undefined][] = []
  for (const [k, w] of ledger.tests) pairs.push([w, currentTests.get(k)])
  for (const [k, c] of currentTests) if (!ledger.tests.has(k)) pairs.push([undefined, c])
  for (const [w, c] of pairs) {
    if (!mayBeFlaky(w, c, ctx)) continue
    const judged = judge(w, c, ctx)
    if (!judged) continue
    const { test, pastEvidence } = judged
    if (!pastEvidence) {
      if (test.flakyNow && !(test.tier === 'e2e' && parityE2e.has(test.id))) newFlaky.push(test)
    } else if (judged.recovered) recovered.push(test)
    else knownFlaky.push(test)
  }
  const byId = (a: FlakyTest, b: FlakyTest) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  knownFlaky.sort((a, b) => mostFlakyFirst(a, b) || byId(a, b))
  return {
    historyRuns: ledger.runs.length,
    windowRuns: window.length,
    infraRuns: window.filter((r) => r.tiers.some((t) => t.infraFailure)).length,
    currentInfraTiers: now.tiers.filter((t) => t.infraFailure).map((t) => t.tier),
    newFlaky: newFlaky.sort(byId),
    knownFlaky,
    recovered: recovered.sort(byId),
    topFlaky: [...newFlaky, ...knownFlaky]
      .filter((t) => t.samples >= FLAKY_MIN_SAMPLE)
      .sort((a, b) => mostFlakyFirst(a, b) || byId(a, b))
      .slice(0, TOP_FLAKY),
    parityGaps,
    trend: trendPoints([...earlier, now])
  }
}

function mostFlakyFirst(a: FlakyTest, b: FlakyTest): number {
  return b.ewma - a.ewma || b.flipRate - a.flipRate || b.failureRate - a.failureRate
}

interface Context {
  runs: ReadonlyMap<number, RunSummary>
  /** seq of the first kept run; `usable[tier][seq - first]`: that run counts for the tier's tests. */
  first: number
  usable: Record<Tier, Uint8Array>
  windowFirst: number
  windowShas: ReadonlySet<string>
  /** The current run, as the run it will be in the ledger. */
  now: RunSummary
}

function contextOf(earlier: readonly RunSummary[], window: readonly RunSummary[], now: RunSummary): Context {
  const first = earlier[0]?.seq ?? now.seq
  const usable = Object.fromEntries(
    TIER_ORDER.map((tier) => {
      const flags = new Uint8Array(now.seq - first + 1)
      for (const r of [...earlier, now]) if (!infra(r, tier)) flags[r.seq - first] = 1
      return [tier, flags]
    })
  ) as Record<Tier, Uint8Array>
  return {
    runs: new Map(earlier.map((r) => [r.seq, r])),
    first,
    usable,
    windowFirst: window[0]?.seq ?? now.seq,
    windowShas: new Set(window.map((r) => r.sha)),
    now
  }
}

/** Cheap filter: a test that never failed in a usable run and did not fail now cannot be flaky. */
function mayBeFlaky(w: TestWindow | undefined, c: TestRecord | undefined, ctx: Context): boolean {
  if (c && (c.outcome === 'failed' || c.outcome === 'flaky')) return true
  if (w === undefined) return false
  if (w.mixed.length > 0) return true
  const usable = ctx.usable[w.tier]
  const start = w.end - w.outcomes.length + 1 - ctx.first
  for (const m of w.outcomes.matchAll(/[fFk]/g)) if (usable[start + m.index] === 1) return true
  return false
}

function judge(
  w: TestWindow | undefined,
  c: TestRecord | undefined,
  ctx: Context
): { test: FlakyTest; pastEvidence: boolean; recovered: boolean } | undefined {
  const tier = (w ?? c)!.tier
  const samples = samplesOf(w, c, ctx)
  const inWindow = samples.filter((s) => s.inWindow || s.current)
  if (inWindow.length === 0) return undefined
  const past = inWindow.filter((s) => !s.current)
  const nowSample = inWindow.find((s) => s.current)
  const pastEvidence = evidenceOfPast(past, w, ctx)
  const nowEvidence = nowSample ? evidenceOfNow(nowSample, past).filter((e) => !pastEvidence.includes(e)) : []
  const flakyNow = nowEvidence.length > 0
  const failures = inWindow.filter((s) => s.char !== 'p').length
  const test: FlakyTest = {
    id: (w ?? c)!.id,
    tier,
    failureRate: failures / inWindow.length,
    samples: inWindow.length,
    failures,
    flipRate: flipRate(verdictsOf(inWindow, ctx.now.seq)),
    ewma: ewmaFlipRate(verdictsOf(samples, ctx.now.seq)),
    ...(w ? { firstSeen: w.firstSeen } : {}),
    evidence: [...pastEvidence, ...nowEvidence],
    flakyNow
  }
  const tail = inWindow.slice(-RECOVERY_RUNS)
  const recovered = !flakyNow && tail.length === RECOVERY_RUNS && tail.every((s) => s.char === 'p')
  return { test, pastEvidence: pastEvidence.length > 0, recovered }
}

/** Executions in the kept runs and now, oldest first, without infrastructure-failure runs. */
function samplesOf(w: TestWindow | undefined, c: TestRecord | undefined, ctx: Context): Sample[] {
  const out: Sample[] = []
  if (w) {
    const usable = ctx.usable[w.tier]
    const start = w.end - w.outcomes.length + 1
    for (let seq = start; seq <= w.end; seq++) {
      const char = w.outcomes[seq - start]!
      if (!ran(char) || usable[seq - ctx.first] !== 1) continue
      const run = ctx.runs.get(seq)
      if (run) out.push({ seq, sha: run.sha, char, inWindow: seq >= ctx.windowFirst, current: false })
    }
  }
  if (c && !infra(ctx.now, c.tier)) {
    const char = outcomeChar(c.outcome, c.attempts)
    if (ran(char)) out.push({ seq: ctx.now.seq, sha: ctx.now.sha, char, inWindow: true, current: true })
  }
  return out
}

function infra(run: RunSummary, tier: Tier): boolean {
  return run.tiers.some((t) => t.tier === tier && t.infraFailure)
}

/** A flaky run is a failed verdict and then a passed one. */
function verdictsOf(samples: readonly Sample[], nowSeq: number): Verdict[] {
  const out: Verdict[] = []
  for (const s of samples) {
    const age = Math.floor((nowSeq - s.seq) / FLIP_PERIOD_RUNS)
    if (s.char === 'k') out.push({ failed: true, age }, { failed: false, age })
    else out.push({ failed: failedChar(s.char), age })
  }
  return out
}

function evidenceOfPast(past: readonly Sample[], w: TestWindow | undefined, ctx: Context): string[] {
  const out: string[] = []
  const flakyRuns = past.filter((s) => s.char === 'k').length
  if (flakyRuns > 0) out.push(`failed then passed in ${flakyRuns} run(s)`)
  for (const sha of w?.mixed ?? []) if (ctx.windowShas.has(sha)) out.push(mixedOn(sha))
  if (past.length >= FLAKY_MIN_SAMPLE) {
    const episodes = failureEpisodes(past)
    if (episodes >= 2) out.push(`failed in ${episodes} separate streaks over ${past.length} runs`)
  }
  return out
}

function evidenceOfNow(now: Sample, past: readonly Sample[]): string[] {
  const out: string[] = []
  if (now.char === 'k') out.push('failed then passed in this run')
  const failed = failedChar(now.char)
  if (past.some((s) => s.sha === now.sha && failedChar(s.char) !== failed)) out.push(mixedOn(now.sha))
  return out
}

function mixedOn(sha: string): string {
  return `mixed outcomes on ${sha.slice(0, 7)}`
}

function failureEpisodes(list: readonly Sample[]): number {
  let episodes = 0
  let inFailure = false
  for (const s of list) {
    const failed = failedChar(s.char)
    if (failed && !inFailure) episodes++
    inFailure = failed
  }
  return episodes
}

/** Integration pass / e2e fail of the same test (same file stem, suite and name) at the current commit. */
function findParityGaps(ledger: Ledger, current: RunRecord, ctx: Context): ParityGap[] {
  const sameCommit = [...ctx.runs.values()].filter((r) => r.sha === current.sha).map((r) => r.seq)
  const atCommit: { tier: Tier; id: string; char: string }[] = current.tests
    .filter((t) => t.tier !== 'unit')
    .map((t) => ({ tier: t.tier, id: t.id, char: outcomeChar(t.outcome, t.attempts) }))
  if (sameCommit.length > 0) {
    for (const w of ledger.tests.values()) {
      if (w.tier === 'unit') continue
      for (const seq of sameCommit)
        atCommit.push({ tier: w.tier, id: w.id, char: charAt(w.outcomes, w.end, seq) })
    }
  }
  const failedE2e = new Map<string, string>()
  for (const t of atCommit) if (t.tier === 'e2e' && failedChar(t.char)) failedE2e.set(parityKey(t.id), t.id)
  if (failedE2e.size === 0) return []
  const passedInt = new Map<string, string>()
  for (const t of atCommit)
    if (t.tier === 'integration' && ran(t.char) && !failedChar(t.char)) passedInt.set(parityKey(t.id), t.id)
  const gaps: ParityGap[] = []
  for (const [k, e2eId] of failedE2e) {
    const integrationId = passedInt.get(k)
    if (integrationId !== undefined) gaps.push({ sha: current.sha, integrationId, e2eId })
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
