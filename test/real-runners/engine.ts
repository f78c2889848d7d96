/**
 * Our tier runner (src, with the real shell, file and results adapters) on a project written to a temp
 * folder, with the console of every attempt kept, so a test can compare our counts with the runner's own.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { systemClock } from '../../src/adapters/clock.js'
import { fileResultsSource } from '../../src/adapters/files/results-source.js'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'
import { createShell } from '../../src/adapters/process/shell.js'
import type { Log } from '../../src/app/ports.js'
import { runTier, type TierRunWithoutTime } from '../../src/app/tiers/run-tier.js'
import type { Attempt, TestCase } from '../../src/core/results/model.js'
import { testStatus } from '../../src/core/results/model.js'
import { secretValues } from '../../src/core/results/output-tail.js'

export interface EngineRun {
  run: TierRunWithoutTime
  /** Console lines of each attempt (index 0 = attempt 1), as the runner printed them. */
  consoles: string[][]
  /** What the tier runner logged (auto-report, retries). */
  log: string[]
}

export async function writeProject(files: Record<string, string>, prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `pyramid-${prefix}-`))
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), content)
  }
  return dir
}

export async function runEngine(opts: {
  dir: string
  command: string
  retries?: number
  env?: Record<string, string | undefined>
  autoReport?: boolean
}): Promise<EngineRun> {
  const consoles: string[][] = []
  const logged: string[] = []
  const console = (): string[] => consoles[consoles.length - 1] ?? []
  const log: Log = {
    info: (m) => {
      logged.push(m)
      console().push(m)
    },
    debug: () => {},
    warning: (m) => logged.push(`warning: ${m}`),
    error: (m) => logged.push(`error: ${m}`),
    mask: () => {},
    group: async (name, fn) => {
      logged.push(name)
      consoles.push([])
      return fn()
    }
  }
  const shell = createShell((text) => console().push(...text.replace(/\n$/, '').split('\n')))
  const run = await runTier(
    { shell, clock: systemClock, log, results: fileResultsSource, workspace: fileWorkspace },
    {
      plan: { tier: 'unit', run: true, reason: 'asked', command: opts.command },
      retries: opts.retries ?? 2,
      workingDirectory: opts.dir,
      // Not the variables of the jest running this test (Playwright refuses to run inside jest).
      baseEnv: {
        ...process.env,
        JEST_WORKER_ID: undefined,
        PYRAMID_ATTEMPT: undefined,
        CI: 'true',
        ...opts.env
      },
      resultsRoot: path.join(opts.dir, '.pyramid-results'),
      repoRoot: opts.dir,
      signal: new AbortController().signal,
      autoReport: opts.autoReport ?? true,
      secrets: secretValues(opts.env ?? {})
    }
  )
  return { run, consoles, log: logged }
}

/** Counts as of one attempt: each test's last execution in that attempt (load failures counted apart). */
export function attemptCounts(tests: readonly TestCase[], attempt: number) {
  const c = { tests: 0, passed: 0, failed: 0, skipped: 0, loadFailures: 0 }
  for (const t of tests) {
    const mine = t.attempts.filter((a: Attempt) => a.runAttempt === attempt)
    const last = mine[mine.length - 1]
    if (!last) continue
    if (t.loadFailure) {
      c.loadFailures++
      continue
    }
    c.tests++
    c[last.outcome]++
  }
  return c
}

export function find(tests: readonly TestCase[], name: string, ordinal?: number): TestCase {
  const found = tests.find((t) => t.name === name && (t.ordinal ?? 1) === (ordinal ?? 1))
  if (!found) throw new Error(`no test "${name}" #${ordinal ?? 1} among ${tests.map((t) => t.id).join(', ')}`)
  return found
}

/** What the loading projects (js-projects.ts loadingSources) give on attempt 1: one test, two files that did not load. */
export const LOADING_ATTEMPT_1 = { tests: 1, passed: 1, failed: 0, skipped: 0, loadFailures: 2 }

/** "name: status after n" for each test of a file, in report order. */
export function byFile(run: EngineRun, file: string): string[] {
  return run.run.tests.filter((t) => t.file === file).map((t) => `${t.name}: ${statusOf(t)}`)
}

/** The files that never load and that load from attempt 2 on, as every runner retried by file ends them. */
export const LOADING_OUTCOME = {
  'broken.test.js': ['Test suite failed to run: failed after 3'],
  'late.test.js': ['Test suite failed to run: flaky after 2', 'late: passed after 1']
}

/** name → final status, attempts, for readable expectations. */
export function statusOf(t: TestCase): string {
  return `${testStatus(t)} after ${t.attempts.length}`
}

/** The last number before a word in the runner's summary ("2 failed", "failed 2", "fail 3"). */
export function count(text: string, pattern: RegExp): number {
  const m = pattern.exec(text)
  return m ? Number(m[1]) : 0
}
