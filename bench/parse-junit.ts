/**
 * Bench 9b: JUnit ingestion speed and memory, ours (readReport) against junit-to-ctrf's reader.
 * Generates a 100,000-testcase file (~50 MB), a ~200 MB file and one with three 40 MB values in the
 * temp dir, then parses each in child processes, one per measurement (peak RSS = that child's maxRSS),
 * 3 interleaved runs per tool, and prints medians: throughput (MB/s), peak RSS and the ratios. It
 * prints figures, it asserts nothing.
 * Goals: at least 2x junit-to-ctrf's throughput; the 200 MB file under 300 MB peak RSS.
 *
 * Run on its own: npx tsx bench/parse-junit.ts   (or call main() from a bench runner)
 * Ours runs as plain JavaScript (compiled to a temp dir), like the action's bundle; junit-to-ctrf is
 * called through parseJUnitReport (file to test cases, its reading half), on the same file.
 */
import { execFile } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { compileParseChild } from '../test/parsers/compiled-child.js'
import { generateHugeTextNodes, generateJUnit, type Generated } from '../test/parsers/generate-junit.js'

const MB = 1024 * 1024
const RUNS = 3
const CHILD_TIMEOUT_MS = 10 * 60 * 1000

type Tool = 'ours' | 'junit-to-ctrf'
interface Run {
  ok: boolean
  tests?: number
  reason?: string
  ms: number
  maxRssKb: number
}
export interface Figure {
  tool: Tool
  file: string
  sizeMB: number
  tests: number | undefined
  runs: number
  failures: string[]
  medianMs: number | undefined
  throughputMBs: number | undefined
  peakRssMB: number | undefined
}
export interface BenchResult {
  figures: Figure[]
  lines: string[]
}

/** junit-to-ctrf's reader, timed the same way as parse-child.ts times readReport. */
const THEIR_CHILD = `
import { parseJUnitReport } from 'junit-to-ctrf/dist/read.js'
const started = performance.now()
const cases = await parseJUnitReport(process.argv[2])
const ms = performance.now() - started
process.stdout.write(JSON.stringify({ ok: true, tests: cases.length, ms, maxRssKb: process.resourceUsage().maxRSS }) + '\\n')
`

function runChild(script: string, file: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, file],
      { timeout: CHILD_TIMEOUT_MS, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          const why = stderr.split('\n').find((l) => /Error|heap/i.test(l)) ?? err.message
          resolve({ ok: false, reason: why.slice(0, 200), ms: NaN, maxRssKb: NaN })
        } else resolve(JSON.parse(stdout) as Run)
      }
    )
  })
}

function median(xs: number[]): number | undefined {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  return s.length === 0 ? undefined : s[Math.floor((s.length - 1) / 2)]
}

function figure(tool: Tool, g: Generated, runs: Run[]): Figure {
  const good = runs.filter((r) => r.ok)
  const medianMs = median(good.map((r) => r.ms))
  const peak = median(good.map((r) => r.maxRssKb))
  return {
    tool,
    file: path.basename(g.file),
    sizeMB: g.bytes / MB,
    tests: good[0]?.tests,
    runs: runs.length,
    failures: runs.filter((r) => !r.ok).map((r) => r.reason ?? 'failed'),
    medianMs,
    throughputMBs: medianMs === undefined ? undefined : g.bytes / MB / (medianMs / 1000),
    peakRssMB: peak === undefined ? undefined : peak / 1024
  }
}

const fmt = (n: number | undefined, digits = 1): string => (n === undefined ? 'n/a' : n.toFixed(digits))

/** Measure and print; returns the figures for a caller that wants them. */
export async function measure(log: (line: string) => void = (l) => console.log(l)): Promise<BenchResult> {
  const lines: string[] = []
  const say = (l: string): void => {
    lines.push(l)
    log(l)
  }
  const child = await compileParseChild()
  const theirs = path.join(child.dir, 'junit-to-ctrf-child.mjs')
  await writeFile(theirs, THEIR_CHILD)
  const tmp = path.join(os.tmpdir(), `pyramid-bench-${process.pid}`)
  const figures: Figure[] = []
  try {
    const inputs = [
      await generateJUnit(`${tmp}-100k.xml`, { testcases: 100_000 }),
      await generateJUnit(`${tmp}-200mb.xml`, { bytes: 200 * MB }),
      // A CDATA section, an attribute value and a text node of 40 MB each: peak RSS shows whether they are cut while streaming.
      await generateHugeTextNodes(`${tmp}-huge-text.xml`)
    ]
    say(
      `JUnit ingestion, node ${process.version}, ${os.cpus().length} CPUs, medians of ${RUNS} interleaved runs`
    )
    for (const g of inputs) {
      const runs: Record<Tool, Run[]> = { ours: [], 'junit-to-ctrf': [] }
      for (let i = 0; i < RUNS; i++) {
        runs.ours.push(await runChild(child.script, g.file))
        runs['junit-to-ctrf'].push(await runChild(theirs, g.file))
      }
      const ours = figure('ours', g, runs.ours)
      const them = figure('junit-to-ctrf', g, runs['junit-to-ctrf'])
      figures.push(ours, them)
      say(`\n${fmt(g.bytes / MB)} MB, ${g.testcases} testcases`)
      for (const f of [ours, them]) {
        const failed = f.failures.length > 0 ? `  (${f.failures.length} failed: ${f.failures[0]})` : ''
        say(
          `  ${f.tool.padEnd(14)} ${fmt(f.throughputMBs)} MB/s  ${fmt(f.medianMs, 0)} ms  peak RSS ${fmt(f.peakRssMB, 0)} MB  tests ${f.tests ?? 'n/a'}${failed}`
        )
      }
      const speed =
        ours.throughputMBs && them.throughputMBs ? ours.throughputMBs / them.throughputMBs : undefined
      const memory = ours.peakRssMB && them.peakRssMB ? them.peakRssMB / ours.peakRssMB : undefined
      say(`  ratio: ${fmt(speed, 2)}x the throughput (goal >= 2x), ${fmt(memory, 2)}x less peak memory`)
      if (g.bytes >= 200 * MB) say(`  200 MB peak RSS goal (< 300 MB): ${fmt(ours.peakRssMB, 0)} MB`)
    }
  } finally {
    await rm(`${tmp}-100k.xml`, { force: true })
    await rm(`${tmp}-200mb.xml`, { force: true })
    await rm(`${tmp}-huge-text.xml`, { force: true })
    await rm(child.dir, { recursive: true, force: true })
  }
  return { figures, lines }
}

/** The bench runner's entry (bench/index.ts). */
export async function main(): Promise<void> {
  await measure()
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
