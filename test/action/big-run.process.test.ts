/**
 * A monorepo-sized run in bounded memory: the bundled action (dist/main, under the simulated runner)
 * ingests a 100,000-testcase JUnit report, derives the view, writes the summary and streams the CTRF
 * report with its V8 heap capped at HEAP_MB, and must complete with every test counted and written.
 *
 * The cap sits between what the streaming report path needs and what holding the report takes: the
 * action completes this file with a 64 MB heap (not with 48 MB); the version that built the CTRF
 * document and its text whole ran out of heap at 200 MB and needed about 256 MB. How much memory and time the action takes is
 * measured by bench/ingest.ts, not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { runStep } from '../harness/simulated-runner.js'
import { handOverInputs, pushToMainJob } from './hand-over-report.js'
import { generateJUnit, type Generated } from '../parsers/generate-junit.js'

const TESTCASES = 100_000
const HEAP_MB = 128

let dir: string
let report: Generated
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-big-run-'))
  report = await generateJUnit(path.join(dir, 'report.xml'), { testcases: TESTCASES })
}, 120_000)
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('a 100,000-test run', () => {
  it(`is ingested, summarised and written as CTRF with a ${HEAP_MB} MB heap`, async () => {
    const job = pushToMainJob()
    try {
      const main = await runStep(job, 'main', {
        inputs: handOverInputs(report.file),
        env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
        timeoutMs: 600_000
      })
      expect(main.stderr).not.toMatch(/heap out of memory/i)
      // The generator fails every 10th testcase, skips every 25th and makes every 50th flaky.
      expect(main.exitCode).toBe(1)
      expect(main.outputs).toMatchObject({ tests: '100000', failed: '10000', flaky: '2000' })
      expect(main.summary).toMatch(/\*\*100,000\stests\*\*/)
      const ctrf = JSON.parse(await readFile(path.resolve(job.workspace, main.outputs.report!), 'utf8'))
      expect(ctrf.results.summary).toMatchObject({ tests: TESTCASES, failed: 10_000, flaky: 2_000 })
      expect(ctrf.results.tests).toHaveLength(TESTCASES)
      expect(new Set(ctrf.results.tests.map((t: { testId: string }) => t.testId)).size).toBe(TESTCASES)
    } finally {
      await rm(job.dir, { recursive: true, force: true })
    }
  }, 600_000)
})
