/**
 * Runs one tier: the lifecycle's setup, the command (re-run up to `retries` times while tests fail, only
 * the failed ones where the runner allows it), the reports it wrote, and always the lifecycle's teardown.
 */
import path from 'node:path'
import {
  mergeTests,
  testStatus,
  toTestCases,
  type ParsedTest,
  type TestCase
} from '../../core/results/model.js'
import type { CommandAttempt, Phase, TierNote, TierOutcome, TierRun } from '../../core/results/run.js'
import { planRetry } from '../../core/retries/retry-scope.js'
import type { TierPlan } from '../../core/tiers/plan.js'
import type { Clock, Log, ResultsSource, Shell, Workspace } from '../ports.js'
import type { TierLifecycle, TierSetup } from '../tier-lifecycle.js'
import { tierEnv } from './tier-env.js'

export interface TierDeps {
  shell: Shell
  clock: Clock
  log: Log
  results: ResultsSource
  workspace: Workspace
}

export interface TierOptions {
  plan: TierPlan
  retries: number
  workingDirectory: string
  baseEnv: Record<string, string | undefined>
  /** Folder under which each attempt gets its own empty results folder. */
  resultsRoot: string
  /** Test files are reported relative to this folder (GITHUB_WORKSPACE), as annotations need. */
  repoRoot: string
  lifecycle?: TierLifecycle
  signal: AbortSignal
}

/** A tier as runTier returns it: everything but the runner time, which the caller measures around it. */
export type TierRunWithoutTime = Omit<TierRun, 'runnerTime'>

/** What the command's attempts produced, before the tier's outcome is decided. */
interface CommandRun {
  attempts: CommandAttempt[]
  tests: TierRun['tests']
  notes: TierNote[]
  cancelled: boolean
}

export async function runTier(deps: TierDeps, opts: TierOptions): Promise<TierRunWithoutTime> {
  const phases: Phase[] = []
  const notes: TierNote[] = []
  const facts: Record<string, string> = {}
  let outcome: TierOutcome
  let tests: TierRun['tests'] = []
  let teardownFailure: string | undefined
  try {
    let setup: TierSetup | undefined
    if (opts.lifecycle) {
      setup = await opts.lifecycle.setup(opts.signal)
      phases.push(...setup.phases)
      notes.push(...setup.notes)
      Object.assign(facts, setup.facts)
    }
    if (opts.signal.aborted) outcome = { kind: 'cancelled', attempts: [] }
    else if (setup?.skippedReason !== undefined) outcome = { kind: 'skipped', reason: setup.skippedReason }
    else if (setup?.failure !== undefined) outcome = { kind: 'setup-failed', reason: setup.failure }
    else {
      const command = await runAttempts(deps, opts, setup?.env ?? {})
      notes.push(...command.notes)
      tests = command.tests
      outcome = commandOutcome(command)
    }
  } finally {
    if (opts.lifecycle) {
      const down = await opts.lifecycle.teardown()
      phases.push(...down.phases)
      notes.push(...down.notes)
      Object.assign(facts, down.facts)
      teardownFailure = down.failure
    }
  }
  return {
    tier: opts.plan.tier,
    outcome,
    ...(teardownFailure !== undefined ? { teardownFailure } : {}),
    tests,
    phases,
    notes,
    facts
  }
}

function commandOutcome(command: CommandRun): TierOutcome {
  const [first, ...rest] = command.attempts
  if (command.cancelled || !first) return { kind: 'cancelled', attempts: command.attempts }
  return { kind: 'ran', attempts: [first, ...rest] }
}

async function runAttempts(
  deps: TierDeps,
  opts: TierOptions,
  lifecycleEnv: TierSetup['env']
): Promise<CommandRun> {
  const run: CommandRun = { attempts: [], tests: [], notes: [], cancelled: false }
  const { tier } = opts.plan
  const scripts = await deps.workspace.packageScripts(opts.workingDirectory)
  const globs = opts.plan.resultsGlob ? [opts.plan.resultsGlob] : []
  let command = opts.plan.command
  let scope: 'all' | 'failed-only' = 'all'
  let tests: TestCase[] = []
  for (let attempt = 1; attempt <= opts.retries + 1; attempt++) {
    const dir = path.join(opts.resultsRoot, tier, `attempt-${attempt}`)
    await deps.workspace.freshDir(dir)
    const env = tierEnv(opts.baseEnv, lifecycleEnv, tier, attempt, dir)
    const startedAt = deps.clock.now()
    const result = await deps.log.group(`${tier} tier · attempt ${attempt}: ${command}`, () =>
      deps.shell.run(command, { cwd: opts.workingDirectory, env, signal: opts.signal })
    )
    const collected = await deps.results.collect({
      dir,
      globs,
      cwd: opts.workingDirectory,
      sinceMs: startedAt
    })
    for (const p of collected.problems) {
      run.notes.push({ level: 'warning', text: `could not read report ${p.file}: ${p.reason}` })
      deps.log.warning(
        `${tier}: could not read report ${p.file}: ${p.reason}. Falling back to the exit code.`
      )
    }
    const parsed = collected.reports.flatMap((r) =>
      toTestCases(
        r.report.tests.map((t) => withRepoPath(t, opts.workingDirectory, opts.repoRoot)),
        tier,
        attempt
      )
    )
    tests = mergeTests([tests, parsed])
    run.attempts.push({
      attempt,
      command,
      scope,
      exitCode: result.exitCode,
      ...(result.signal ? { signal: result.signal } : {}),
      durationMs: result.durationMs,
      reportFiles: collected.reports.map((r) => r.file)
    })
    if (opts.signal.aborted) {
      run.cancelled = true
      break
    }
    const failing = tests.filter((t) => testStatus(t) === 'failed')
    if (result.exitCode === 0 && failing.length === 0) break
    if (attempt > opts.retries) break
    const next = planRetry(opts.plan.command, parsed.length > 0 ? failing : [], scripts)
    deps.log.info(
      `${tier}: attempt ${attempt} failed (exit ${result.exitCode ?? result.signal}); ${next.why}`
    )
    command = next.command
    scope = next.scope
  }
  run.tests = tests
  if (tests.length === 0) {
    run.notes.push({
      level: 'warning',
      text:
        `no test report found: the result comes from the exit code alone. Write JUnit XML, CTRF or Jest --json ` +
        `to $PYRAMID_RESULTS_DIR (jest-junit does so by default here), or set ${tier}-results to a glob.`
    })
    const last = run.attempts[run.attempts.length - 1]
    if (run.attempts.length > 1 && last?.exitCode === 0) {
      run.notes.push({
        level: 'warning',
        text: `the command failed on attempt 1 and passed on attempt ${last.attempt}: something is flaky, but without a report it cannot be named.`
      })
    }
  }
  return run
}

/**
 * Reports name files absolutely or relative to where the runner ran (the working directory); annotations
 * and history want one form: relative to the repository root, with forward slashes.
 */
function withRepoPath(t: ParsedTest, workingDirectory: string, repoRoot: string): ParsedTest {
  if (!t.file) return t
  const absolute = path.resolve(workingDirectory, t.file)
  const relative = path.relative(repoRoot, absolute)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return t
  return { ...t, file: relative.split(path.sep).join('/') }
}
