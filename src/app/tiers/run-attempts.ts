/**
 * A tier's command, attempt after attempt: each in its own empty results folder, with the runner's own
 * report added when none is configured (auto-report), its reports read and merged into the tests, and
 * re-run while tests fail — only the failed ones where the runner allows it, and not at all when the
 * failure is one no retry can fix.
 */
import path from 'node:path'
import { testsOfAttempt, recordAttempt } from '../../core/results/attempt-tests.js'
import { countTests, testStatus, type ParsedTest, type TestCase } from '../../core/results/model.js'
import { outputTail } from '../../core/results/output-tail.js'
import type { CommandAttempt, FailureOutput, TierNote } from '../../core/results/run.js'
import {
  emptyReportNote,
  flakyWithoutReportNote,
  noReportNote,
  notRetriedNote
} from '../../core/results/tier-notes.js'
import { whyCannotPass } from '../../core/retries/cannot-pass.js'
import {
  planRetry,
  wholeCommand,
  type Additions,
  type AttemptScope,
  type RetryInput
} from '../../core/retries/retry-scope.js'
import { planAutoReport, type AutoReportPlan } from '../../core/runners/auto-report.js'
import type { TestRunner } from '../../core/runners/detect-runner.js'
import { applyEnvChanges, envAdditions } from '../../core/env-changes.js'
import type { ShellResult } from '../ports.js'
import type { TierDeps, TierOptions } from './run-tier.js'
import type { TierCommand } from './tier-command.js'
import { tierEnv } from './tier-env.js'

/** What the command's attempts produced, before the tier's outcome is decided. */
export interface CommandRun {
  attempts: CommandAttempt[]
  tests: TestCase[]
  notes: TierNote[]
  cancelled: boolean
  failureOutput?: FailureOutput
}

interface AttemptPlan {
  command: string
  envAppend: Record<string, string>
  scope: AttemptScope
}

export async function runAttempts(
  deps: TierDeps,
  opts: TierOptions,
  cmd: TierCommand,
  lifecycleEnv: Record<string, string | undefined>
): Promise<CommandRun> {
  const run: CommandRun = { attempts: [], tests: [], notes: [], cancelled: false }
  const { tier } = opts.plan
  const inv = cmd.invocation
  const globs = opts.plan.resultsGlob ? [opts.plan.resultsGlob] : []
  const shardArgs: Additions = cmd.shard?.kind === 'args' ? cmd.shard : { args: [], envAppend: {} }
  if (cmd.shard?.kind === 'all-in-first') deps.log.info(`${tier}: ${cmd.shard.why}`)
  let auto: AutoReportPlan | undefined
  /** After a failed attempt: the tests to re-run (planned with the next attempt's own results folder). */
  let retry: { failed: TestCase[]; after: string } | undefined
  let last: ShellResult | undefined
  for (let attempt = 1; attempt <= opts.retries + 1; attempt++) {
    const dir = path.join(opts.resultsRoot, tier, `attempt-${attempt}`)
    await deps.workspace.freshDir(dir)
    const baseEnv = tierEnv(opts.baseEnv, lifecycleEnv, tier, attempt, dir)
    auto =
      opts.autoReport && inv
        ? planAutoReport(inv, { resultsDir: dir, env: baseEnv, configText: cmd.configText })
        : undefined
    if (attempt === 1 && auto) deps.log.info(`${tier}: ${auto.kind === 'add' ? auto.says : auto.why}`)
    const report = auto?.kind === 'add' ? auto.additions : undefined
    const every: Additions = { args: report?.args ?? [], envAppend: report?.envAppend ?? {} }
    const input = { command: cmd.command, invocation: inv, every, wholeOnly: shardArgs }
    const planned = retry ? plannedRetry(deps, opts, input, retry) : firstAttempt(input)
    const env = applyEnvChanges(baseEnv, envAdditions(baseEnv, planned.envAppend, report?.envDefault ?? {}))
    const startedAt = deps.clock.now()
    const outputFile = report?.outputReport !== undefined ? path.join(dir, report.outputReport) : undefined
    last = await deps.log.group(`${tier} tier · attempt ${attempt}: ${planned.command}`, () =>
      runCommand(deps, planned.command, { cwd: opts.workingDirectory, env, signal: opts.signal }, outputFile)
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
    const reports = collected.reports.map((r) => ({
      ...r.report,
      tests: r.report.tests.map(withRepoPaths(opts.workingDirectory, opts.repoRoot))
    }))
    const current = testsOfAttempt(reports, tier, attempt)
    if (current.length === 0) {
      for (const r of collected.reports) run.notes.push(emptyReportNote(r.file, r.report.dialect))
    }
    run.tests = recordAttempt(run.tests, current, planned.scope, attempt)
    run.attempts.push({
      attempt,
      command: planned.command,
      scope: planned.scope.kind,
      exitCode: last.exitCode,
      ...(last.signal ? { signal: last.signal } : {}),
      startedAt,
      durationMs: last.durationMs,
      reportFiles: collected.reports.map((r) => r.file)
    })
    if (opts.signal.aborted) {
      run.cancelled = true
      break
    }
    const failing = run.tests.filter((t) => testStatus(t) === 'failed')
    if (last.exitCode === 0 && failing.length === 0) break
    if (attempt > opts.retries) break
    const cannot = failing.every((t) => t.loadFailure)
      ? whyCannotPass({ exitCode: last.exitCode, output: last.tail, runner: inv?.runner })
      : undefined
    if (cannot !== undefined) {
      run.notes.push(notRetriedNote(cannot))
      deps.log.info(`${tier}: attempt ${attempt} failed (exit ${last.exitCode}); not retried: ${cannot}`)
      break
    }
    retry = {
      failed: current.length > 0 ? failing : [],
      after: `${tier}: attempt ${attempt} failed (exit ${last.exitCode ?? last.signal})`
    }
  }
  finish(run, opts, inv?.runner, auto, last)
  return run
}

function firstAttempt(input: Omit<RetryInput, 'failed' | 'cwdPath'>): AttemptPlan {
  return { ...wholeCommand(input), scope: { kind: 'all' } }
}

function plannedRetry(
  deps: TierDeps,
  opts: TierOptions,
  input: Omit<RetryInput, 'failed' | 'cwdPath'>,
  retry: { failed: TestCase[]; after: string }
): AttemptPlan {
  const plan = planRetry({
    ...input,
    failed: retry.failed,
    cwdPath: (p) => toCwdPath(p, opts.workingDirectory, opts.repoRoot)
  })
  deps.log.info(`${retry.after}; ${plan.why}`)
  return plan
}

/** The notes and the failure output a finished command leaves. */
function finish(
  run: CommandRun,
  opts: TierOptions,
  runner: TestRunner | undefined,
  auto: AutoReportPlan | undefined,
  last: ShellResult | undefined
): void {
  const final = run.attempts[run.attempts.length - 1]
  if (run.tests.length === 0 && final) {
    run.notes.push(noReportNote({ tier: opts.plan.tier, runner, autoReport: auto }))
    if (run.attempts.length > 1 && final.exitCode === 0) run.notes.push(flakyWithoutReportNote(final.attempt))
  }
  if (final && last && final.exitCode !== 0 && countTests(run.tests).failed === 0 && !run.cancelled) {
    run.failureOutput = {
      attempt: final.attempt,
      exitCode: final.exitCode,
      lines: outputTail(last.tail, opts.secrets)
    }
  }
}

/**
 * Runs the command; for `go test -json` the output is the report: it is kept in the results folder and
 * what go would have printed (each event's Output) is shown instead of the events.
 */
async function runCommand(
  deps: TierDeps,
  command: string,
  opts: { cwd: string; env: Record<string, string | undefined>; signal: AbortSignal },
  outputFile: string | undefined
): Promise<ShellResult> {
  if (outputFile === undefined) return deps.shell.run(command, opts)
  const lines: string[] = []
  const result = await deps.shell.run(command, {
    ...opts,
    echo: false,
    onLine: (line) => {
      lines.push(line)
      const shown = eventOutput(line)
      if (shown !== undefined) deps.log.info(shown)
    }
  })
  await deps.workspace.writeFile(outputFile, lines.join('\n') + '\n')
  return { ...result, tail: result.tail.map((l) => eventOutput(l) ?? '').filter((l) => l !== '') }
}

/** The text a test2json event carries (undefined for events without output), or the line itself. */
function eventOutput(line: string): string | undefined {
  if (!line.startsWith('{')) return line
  try {
    const e = JSON.parse(line) as { Output?: unknown }
    return typeof e.Output === 'string' ? e.Output.replace(/\n$/, '') : undefined
  } catch {
    return line
  }
}

/**
 * Reports name files absolutely or relative to where the runner ran (the working directory); annotations
 * and history want one form: relative to the repository root, with forward slashes.
 */
/**
 * Each test with its file as a repository path, where it is inside the repository. A report lists a
 * file's tests together: the path is resolved once per run of them, and those tests share the string.
 */
function withRepoPaths(workingDirectory: string, repoRoot: string): (t: ParsedTest) => ParsedTest {
  let file: string | undefined
  let repoPath: string | undefined
  return (t) => {
    if (!t.file) return t
    if (t.file !== file) {
      file = t.file
      repoPath = repoPathOf(t.file, workingDirectory, repoRoot)
    }
    return repoPath === undefined ? t : { ...t, file: repoPath }
  }
}

function repoPathOf(file: string, workingDirectory: string, repoRoot: string): string | undefined {
  const relative = path.relative(repoRoot, path.resolve(workingDirectory, file))
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return relative.split(path.sep).join('/')
}

/** A repository path as the runner in the working directory names it. */
function toCwdPath(repoPath: string, workingDirectory: string, repoRoot: string): string {
  const relative = path.relative(workingDirectory, path.resolve(repoRoot, repoPath))
  return relative.split(path.sep).join('/')
}
