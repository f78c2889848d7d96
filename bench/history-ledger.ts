/**
 * Bench: the history ledger for 1,000 and 20,000 tests × 200 runs against the GitHub stand-in (real
 * HTTP on loopback, responses checked against GitHub's OpenAPI description, in this process), beside
 * the baseline of earlier versions measured in the same run: the format-1 ledger through the contents
 * API at its caps (900 KB / 500 runs). Figures are medians of the last 5 of 200 simulated runs; targets:
 * read + analyse < 1 s and append < 2 s at 20,000 tests. Prints the flip-rate ranking of the
 * 20,000-test suite. Asserts nothing.
 */
import os from 'node:os'
import { getOctokit } from '@actions/github'
import { appendHistory, readHistory, type HistoryDeps } from '../src/adapters/github/history-store.js'
import { analyseFlakiness, type FlakinessInsights } from '../src/core/history/flakiness.js'
import { appendRun, EMPTY_LEDGER, type Ledger } from '../src/core/history/ledger.js'
import { encodeLedgerFiles } from '../src/core/history/ledger-files.js'
import { decodeLedger, LEGACY_LEDGER_FILE, type LegacyHistory } from '../src/core/history/legacy-ledger.js'
import type { RunRecord } from '../src/core/history/record.js'
import type { Clock, Log } from '../src/app/ports.js'
import { encodeLegacyLedger, LEDGER_MAX_BYTES, mergeLegacy } from '../test/history/legacy-ledger-writer.js'
import { simulatedRun, simulatedSuite, type SimulatedTest } from '../test/history/simulated-suite.js'
import { GitHubStandIn } from '../test/stand-ins/github/server.js'

const RUNS = 200
const MEASURED = 5
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const }
const quiet: Log = {
  info: () => undefined,
  debug: () => undefined,
  warning: (m) => console.log(`  warning: ${m}`),
  error: (m) => console.log(`  error: ${m}`),
  mask: () => undefined,
  group: (_n, fn) => fn()
}
const clock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }

interface Figures {
  runsKept: number
  bytes: number
  files: number
  readMs: number
  analyseMs?: number
  appendMs: number
  /** CPU time of this process (client and stand-in) for read + analyse and for append. */
  cpuReadAnalyseMs: number
  cpuAppendMs: number
}

/** Wall and CPU milliseconds of fn. */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const c = process.cpuUsage()
  const t = performance.now()
  const value = await fn()
  const ms = performance.now() - t
  const d = process.cpuUsage(c)
  return { value, ms, cpuMs: (d.user + d.system) / 1000 }
}

export async function main(): Promise<void> {
  const [l1, l5, l15] = os.loadavg()
  console.log(
    `load average ${l1!.toFixed(2)} ${l5!.toFixed(2)} ${l15!.toFixed(2)} on ${os.cpus().length} cores`
  )
  const rows: [string, string, Figures][] = []
  let ranking: { insights: FlakinessInsights; suite: SimulatedTest[] } | undefined
  for (const size of [1_000, 20_000]) {
    const suite = simulatedSuite(size)
    const sim = simulate(suite)
    console.log(
      `${size.toLocaleString('en')} tests: 200 simulated runs appended in memory in ${(sim.simulateMs / 1000).toFixed(1)} s`
    )
    // A stand-in per suite, started after the simulation, so no idle keep-alive socket is reused.
    const gh = new GitHubStandIn({ repository: 'acme/mono', tokens: { bot: { user: BOT, canWrite: true } } })
    await gh.start()
    const octokit = getOctokit('bot', { baseUrl: gh.url, request: { retries: 0 } })
    const deps: HistoryDeps = { octokit, log: quiet, clock }
    try {
      const legacy = await measureLegacy(gh, deps, 'legacy', sim.legacy, sim.last)
      const current = await measureCurrent(gh, deps, 'pyramid-history', sim.ledger, sim.last)
      rows.push([size.toLocaleString('en'), 'format 1, contents API (baseline)', legacy])
      rows.push([size.toLocaleString('en'), 'format 2, Git Data API', current.figures])
      ranking = { insights: current.insights, suite }
      if (gh.problems.length > 0) console.log(`  stand-in problems: ${gh.problems.slice(0, 3).join('; ')}`)
    } finally {
      await gh.stop()
    }
  }
  printTable(rows)
  if (ranking) printRanking(ranking.insights, ranking.suite)
}

/** Runs 1..195 folded into the ledger (and into the format-1 ledger at its cap); runs 196..200 kept. */
function simulate(suite: readonly SimulatedTest[]) {
  const t0 = performance.now()
  let ledger: Ledger = EMPTY_LEDGER
  // The format-1 ledger held ~20 bytes per test result: keep only as many runs as can fit its cap.
  const legacyRuns = Math.ceil(LEDGER_MAX_BYTES / (20 * suite.length)) + 2
  let legacy: LegacyHistory = { runs: [] }
  const last: RunRecord[] = []
  for (let n = 1; n <= RUNS; n++) {
    const record = simulatedRun(suite, n)
    if (n > RUNS - MEASURED) {
      last.push(record)
      continue
    }
    ledger = appendRun(ledger, record)
    legacy = { runs: [...legacy.runs, record].slice(-legacyRuns) }
  }
  return {
    ledger,
    legacy: decodeLedger(encodeLegacyLedger(legacy)),
    last,
    simulateMs: performance.now() - t0
  }
}

async function measureCurrent(
  gh: GitHubStandIn,
  deps: HistoryDeps,
  branch: string,
  ledger: Ledger,
  last: RunRecord[]
): Promise<{ figures: Figures; insights: FlakinessInsights }> {
  for (const [path, text] of encodeLedgerFiles(ledger)) gh.seedFile(branch, path, text)
  const ref = { owner: 'acme', repo: 'mono', branch }
  const read: number[] = []
  const analyse: number[] = []
  const append: number[] = []
  const cpuRead: number[] = []
  const cpuAppend: number[] = []
  let insights: FlakinessInsights | undefined
  for (const record of last) {
    const r = await timed(() => readHistory(deps, ref))
    const stored = r.value!
    const a = await timed(() => analyseFlakiness(stored.ledger, record))
    insights = a.value
    const w = await timed(() => appendHistory(deps, ref, record, stored))
    read.push(r.ms)
    analyse.push(a.ms)
    append.push(w.ms)
    cpuRead.push(r.cpuMs + a.cpuMs)
    cpuAppend.push(w.cpuMs)
  }
  const files = [...gh.trees.get(gh.commits.get(gh.refs.get(`refs/heads/${branch}`)!)!.tree)!.entries.keys()]
  const stored = (await readHistory(deps, ref))!
  return {
    figures: {
      runsKept: stored.ledger.runs.length,
      bytes: files.reduce((n, f) => n + Buffer.byteLength(gh.fileOn(branch, f)!), 0),
      files: files.length,
      readMs: median(read),
      analyseMs: median(analyse),
      appendMs: median(append),
      cpuReadAnalyseMs: median(cpuRead),
      cpuAppendMs: median(cpuAppend)
    },
    insights: insights!
  }
}

/** The earlier versions' store: GET the file, decode, merge, encode under the cap, PUT with its sha. */
async function measureLegacy(
  gh: GitHubStandIn,
  deps: HistoryDeps,
  branch: string,
  history: LegacyHistory,
  last: RunRecord[]
): Promise<Figures> {
  gh.seedFile(branch, LEGACY_LEDGER_FILE, encodeLegacyLedger(history))
  const repo = { owner: 'acme', repo: 'mono' }
  const get = async () => {
    const { data } = await deps.octokit.rest.repos.getContent({
      ...repo,
      path: LEGACY_LEDGER_FILE,
      ref: branch
    })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) throw new Error('not a file')
    return { history: decodeLedger(Buffer.from(data.content, 'base64').toString('utf8')), sha: data.sha }
  }
  const read: number[] = []
  const append: number[] = []
  const cpuRead: number[] = []
  const cpuAppend: number[] = []
  for (const record of last) {
    const r = await timed(get)
    const w = await timed(async () => {
      const file = await get()
      const text = encodeLegacyLedger(mergeLegacy(file.history, { runs: [record] }))
      await deps.octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: LEGACY_LEDGER_FILE,
        branch,
        message: `run ${record.runId}`,
        content: Buffer.from(text).toString('base64'),
        sha: file.sha
      })
    })
    read.push(r.ms)
    append.push(w.ms)
    cpuRead.push(r.cpuMs)
    cpuAppend.push(w.cpuMs)
  }
  const text = gh.fileOn(branch, LEGACY_LEDGER_FILE)!
  return {
    runsKept: decodeLedger(text).runs.length,
    bytes: Buffer.byteLength(text),
    files: 1,
    readMs: median(read),
    appendMs: median(append),
    cpuReadAnalyseMs: median(cpuRead),
    cpuAppendMs: median(cpuAppend)
  }
}

function printTable(rows: [string, string, Figures][]): void {
  console.log('\nhistory ledger, 200 runs simulated (medians of the last 5 runs)')
  console.log(
    `  ${'tests'.padEnd(7)} ${'store'.padEnd(35)} ${'runs kept'.padStart(9)} ${'size'.padStart(16)} ${'read'.padStart(9)} ${'analyse'.padStart(9)} ${'append'.padStart(9)}   CPU: read+analyse, append`
  )
  for (const [tests, store, f] of rows) {
    const size = `${(f.bytes / 1e6).toFixed(2)} MB/${f.files} file${f.files === 1 ? '' : 's'}`
    console.log(
      `  ${tests.padEnd(7)} ${store.padEnd(35)} ${String(f.runsKept).padStart(9)} ${size.padStart(16)} ${ms(f.readMs)} ${f.analyseMs === undefined ? '        —' : ms(f.analyseMs)} ${ms(f.appendMs)}   ${ms(f.cpuReadAnalyseMs)} ${ms(f.cpuAppendMs)}`
    )
  }
  const big = rows.at(-1)![2]
  const old = rows.at(-2)![2]
  console.log(
    `  20,000 tests: read + analyse ${ms(big.readMs + big.analyseMs!).trim()} (target < 1 s), append ${ms(big.appendMs).trim()} (target < 2 s); the baseline keeps ${old.runsKept} run(s), format 2 keeps ${big.runsKept} `
  )
}

function printRanking(insights: FlakinessInsights, suite: readonly SimulatedTest[]): void {
  const truth = new Map(suite.map((t) => [t.id, t]))
  const flaky = suite.filter((t) => t.kind === 'flaky').length
  console.log(
    `\nmost flaky of the 20,000-test suite after 200 runs (${flaky} simulated flaky tests; ${insights.knownFlaky.length} known flaky, ${insights.newFlaky.length} new):`
  )
  console.log(
    `  ${'EWMA'.padStart(6)} ${'flip'.padStart(6)} ${'fail'.padStart(6)} ${'p(fail)'.padStart(8)}  test`
  )
  for (const t of insights.topFlaky) {
    const p = truth.get(t.id)!
    console.log(
      `  ${pct(t.ewma)} ${pct(t.flipRate)} ${pct(t.failureRate)} ${p.kind === 'flaky' ? pct(p.failChance).padStart(8) : p.kind.padStart(8)}  ${t.id}`
    )
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}
function ms(n: number): string {
  return `${n.toFixed(0)} ms`.padStart(9)
}
function pct(r: number): string {
  return `${(r * 100).toFixed(1)}%`.padStart(6)
}
