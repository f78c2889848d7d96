/**
 * Bench (issue 11): the whole action at monorepo scale against junit-to-ctrf, in one run.
 *
 * For 10k, 100k and 300k generated JUnit testcases (test/parsers/generate-junit.ts): the bundled action
 * (dist/main, as the runner runs it: INPUT_* and GITHUB_* variables, its output and summary files) runs
 * the unit tier, whose command hands over the report; beside it junit-to-ctrf's CLI converts the same
 * file to CTRF. Each is a whole process timed from spawn to exit, its peak RSS its own maxRSS (read by a
 * preloaded module at exit); runs are interleaved, medians printed. Prints figures, asserts nothing.
 * Goals: >= 3x junit-to-ctrf's throughput on 100k, < 300 MB peak RSS on 300k, time linear in tests.
 *
 * It runs the committed dist/main: `npm run package` first after changing src/.
 * Run on its own: npx tsx bench/ingest.ts [runs]   (or npm run bench -- ingest)
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { handOverInputs, pushToMainJob } from '../test/action/hand-over-report.js'
import { inputEnv, parseFileCommands } from '../test/harness/simulated-runner.js'
import { generateJUnit, type Generated } from '../test/parsers/generate-junit.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SIZES = [10_000, 100_000, 300_000]
const MB = 1024 * 1024
const CHILD_TIMEOUT_MS = 10 * 60 * 1000

/** Preloaded into each measured process: its peak RSS, written at exit to $PYRAMID_BENCH_RSS. */
const PEAK_RSS_HOOK = `import { writeFileSync } from 'node:fs'
process.on('exit', () => writeFileSync(process.env.PYRAMID_BENCH_RSS, String(process.resourceUsage().maxRSS)))
`

interface Run {
  ok: boolean
  ms: number
  peakRssMB: number
  why?: string
}

type Tool = 'ours' | 'junit-to-ctrf'

async function runProcess(
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; rssFile: string; hook: string }
): Promise<Run> {
  const started = performance.now()
  const env = {
    ...opts.env,
    NODE_OPTIONS: `--import ${pathToFileURL(opts.hook).href}`,
    PYRAMID_BENCH_RSS: opts.rssFile
  }
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)))
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS)
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null]
  clearTimeout(timer)
  const ms = performance.now() - started
  const kb = Number(await readFile(opts.rssFile, 'utf8').catch(() => 'NaN'))
  if (Number.isFinite(kb)) return { ok: true, ms, peakRssMB: kb / 1024 }
  const why = stderr.split('\n').find((l) => /heap|Error/.test(l)) ?? `exit ${code ?? signal}`
  return { ok: false, ms, peakRssMB: NaN, why }
}

/** The action's unit tier handing over `report`; it exits 1 (the generated tests fail), which is expected. */
async function runOurs(report: Generated, hook: string): Promise<Run & { tests?: string }> {
  const job = pushToMainJob()
  const files = {
    GITHUB_OUTPUT: path.join(job.dir, 'output'),
    GITHUB_STATE: path.join(job.dir, 'state'),
    GITHUB_STEP_SUMMARY: path.join(job.dir, 'summary')
  }
  try {
    for (const f of Object.values(files)) await writeFile(f, '')
    const inputs = inputEnv(handOverInputs(report.file))
    const run = await runProcess([path.join(root, 'dist/main/index.js')], {
      cwd: job.workspace,
      env: { ...job.env, ...files, ...inputs },
      rssFile: path.join(job.dir, 'rss'),
      hook
    })
    const tests = parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')).tests
    const complete = tests === String(report.testcases)
    return {
      ...run,
      ok: run.ok && complete,
      ...(tests ? { tests } : {}),
      ...(complete ? {} : { why: run.why ?? `tests=${tests}` })
    }
  } finally {
    await rm(job.dir, { recursive: true, force: true })
  }
}

async function runTheirs(report: Generated, dir: string, hook: string): Promise<Run> {
  const out = path.join(dir, 'junit-to-ctrf.json')
  const cli = path.join(root, 'node_modules/junit-to-ctrf/dist/cli.js')
  const run = await runProcess([cli, report.file, '-o', out], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir },
    rssFile: path.join(dir, 'rss'),
    hook
  })
  await rm(out, { force: true })
  return run
}

function median(xs: number[]): number | undefined {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b)
  return s.length === 0 ? undefined : s[Math.floor((s.length - 1) / 2)]
}

const fmt = (n: number | undefined, digits = 1): string => (n === undefined ? 'n/a' : n.toFixed(digits))

interface Figure {
  tool: Tool
  ms: number | undefined
  peakRssMB: number | undefined
  failures: string[]
}

function figure(tool: Tool, runs: Run[]): Figure {
  const good = runs.filter((r) => r.ok)
  return {
    tool,
    ms: median(good.map((r) => r.ms)),
    peakRssMB: median(good.map((r) => r.peakRssMB)),
    failures: runs.filter((r) => !r.ok).map((r) => r.why ?? 'failed')
  }
}

export async function main(runs = Number(process.env.PYRAMID_BENCH_RUNS ?? 3)): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-bench-ingest-'))
  const hook = path.join(dir, 'peak-rss.mjs')
  await writeFile(hook, PEAK_RSS_HOOK)
  try {
    console.log(
      `whole-action ingest vs junit-to-ctrf, node ${process.version}, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, medians of ${runs} interleaved runs`
    )
    const perTest: { tests: number; ms: number }[] = []
    for (const testcases of SIZES) {
      const report = await generateJUnit(path.join(dir, `${testcases}.xml`), { testcases })
      const all: Record<Tool, Run[]> = { ours: [], 'junit-to-ctrf': [] }
      for (let i = 0; i < runs; i++) {
        all.ours.push(await runOurs(report, hook))
        all['junit-to-ctrf'].push(await runTheirs(report, dir, hook))
      }
      const ours = figure('ours', all.ours)
      const them = figure('junit-to-ctrf', all['junit-to-ctrf'])
      console.log(`\n${testcases.toLocaleString('en-US')} testcases, ${fmt(report.bytes / MB)} MB of JUnit`)
      for (const f of [ours, them]) {
        const failed = f.failures.length > 0 ? `  (${f.failures.length} failed: ${f.failures[0]})` : ''
        console.log(
          `  ${f.tool.padEnd(14)} ${fmt(f.ms === undefined ? undefined : f.ms / 1000, 2)} s  peak RSS ${fmt(f.peakRssMB, 0)} MB${failed}`
        )
      }
      const speed = ours.ms && them.ms ? them.ms / ours.ms : undefined
      const memory = ours.peakRssMB && them.peakRssMB ? them.peakRssMB / ours.peakRssMB : undefined
      console.log(`  ratio: ${fmt(speed, 2)}x junit-to-ctrf's throughput, ${fmt(memory, 2)}x less peak RSS`)
      if (ours.ms !== undefined) perTest.push({ tests: testcases, ms: ours.ms })
      await rm(report.file, { force: true })
    }
    if (perTest.length > 0) {
      const line = perTest.map((p) => `${p.tests / 1000}k ${fmt((p.ms / p.tests) * 1000, 0)} ms`).join(', ')
      console.log(`\nours, time per 1,000 tests (whole process, start-up included): ${line}`)
    }
    console.log('goals: >= 3x the throughput on 100k; < 300 MB peak RSS on 300k; time linear in tests')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv[2] ? Number(process.argv[2]) : undefined)
}
