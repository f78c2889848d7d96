/**
 * How a failed tier is re-run: only the failed tests, in the runner's own terms (runner-filters.ts),
 * where the runner is known and its failures can be named; else the whole command. Pure.
 */
import type { TestCase } from '../results/model.js'
import { RUNNER_LABELS, type RunnerInvocation, type TestRunner } from '../runners/detect-runner.js'
import { shellQuote } from '../shell-quote.js'
import { goFlags, goRetryCommand, runnerFilter, type CwdPath } from './runner-filters.js'

/**
 * What an attempt ran: everything, or only targeted tests. In a failed-only attempt only the targeted tests
 * (by id) get an attempt; a test it reports for the first time (a file that loaded this time) is new; and
 * when a name filter was on, a "skipped" is the filter's doing, not an attempt.
 */
export type AttemptScope =
  { kind: 'all' } | { kind: 'failed-only'; targeted: ReadonlySet<string>; nameFiltered: boolean }

export interface RetryPlan {
  command: string
  /** Values appended to environment variables for this attempt. */
  envAppend: Record<string, string>
  scope: AttemptScope
  /** Why the scope was chosen, for the log. */
  why: string
}

/** Words and environment added to an attempt's command. */
export interface Additions {
  args: readonly string[]
  envAppend: Readonly<Record<string, string>>
}

export interface RetryInput {
  /** The tier command as configured. */
  command: string
  invocation: RunnerInvocation | undefined
  /** Tests still failing after the last attempt; empty: none could be named. */
  failed: readonly TestCase[]
  cwdPath: CwdPath
  /** Added to every attempt (auto-report), before the retry's own. */
  every: Additions
  /** Added only when the whole command runs (the shard flag: a targeted retry names its tests exactly). */
  wholeOnly: Additions
}

/** The first attempt, and any attempt that runs the whole command. */
export function wholeCommand(input: Pick<RetryInput, 'command' | 'invocation' | 'every' | 'wholeOnly'>): {
  command: string
  envAppend: Record<string, string>
} {
  return {
    command: commandWith(input.command, input.invocation, [...input.every.args, ...input.wholeOnly.args]),
    envAppend: joinEnv(input.every.envAppend, input.wholeOnly.envAppend)
  }
}

export function planRetry(input: RetryInput): RetryPlan {
  const { invocation: inv, failed } = input
  const whole = (why: string): RetryPlan => ({
    ...wholeCommand(input),
    scope: { kind: 'all' },
    why: `${why}: the whole command runs again`
  })
  if (failed.length === 0) return whole('no failed test could be named')
  if (!inv) return whole('not a command of a runner that can re-run single tests')
  const label = RUNNER_LABELS[inv.runner]
  const targeted = new Set(failed.map((t) => t.id))
  const why = `${label}: re-running ${failed.length} failed test(s)`
  if (inv.runner === 'go') {
    if (!inv.prefix)
      return whole(`${label} runs inside \`${inv.target}\`, where its packages cannot be chosen`)
    return {
      command: goRetryCommand(
        inv.lead ?? '',
        inv.prefix,
        [...goFlags(inv.args), ...input.every.args],
        failed
      ),
      envAppend: { ...input.every.envAppend },
      scope: { kind: 'failed-only', targeted, nameFiltered: false },
      why: `${why}, package by package`
    }
  }
  const found = runnerFilter(inv.runner, failed, input.cwdPath)
  if ('whole' in found) return whole(`${label}: ${found.whole}`)
  const { args, envAppend, nameFiltered, front } = found.filter
  if (args.length > 0 && inv.append === undefined) {
    return whole(`${label} runs inside \`${inv.target}\`, where added flags would not reach it`)
  }
  const command = front
    ? frontCommand(inv, args, input.every.args)
    : (filtersReplaced(inv, [...input.every.args, ...args]) ??
      commandWith(input.command, inv, [...input.every.args, ...args]))
  if (command === undefined) {
    return whole(`${label} gets files in \`${inv.target}\`, and a flag after them would be read as a file`)
  }
  return {
    command,
    envAppend: joinEnv(input.every.envAppend, envAppend),
    scope: { kind: 'failed-only', targeted, nameFiltered },
    why: failed.some((t) => t.loadFailure) ? `${why}, by file (a file did not load)` : why
  }
}

/**
 * Words that must precede the runner's positional arguments: put in front of them when the command is
 * the runner's own line, appended when it has none, undefined when neither is possible.
 */
function frontCommand(
  inv: RunnerInvocation,
  args: readonly string[],
  more: readonly string[]
): string | undefined {
  if (inv.prefix) return inv.lead + [...inv.prefix, ...args, ...inv.args, ...more].map(shellQuote).join(' ')
  if (inv.args.some((a) => !a.startsWith('-'))) return undefined
  return commandWith(inv.target, inv, [...more, ...args])
}

/** vitest's commands before its filters (`related` takes source files, which are not filters). */
const VITEST_COMMANDS = new Set(['run', 'watch', 'dev', 'bench'])
/** Runners that run everything any of their path arguments names. */
type PathFiltered = 'jest' | 'vitest' | 'pytest'
/**
 * Flags documented as taking no value (the word after them is a path) and as taking one (the word
 * after them is that value); after any other flag the next word could be either.
 */
const FLAGS: Record<PathFiltered, { none: ReadonlySet<string>; value: ReadonlySet<string> }> = {
  jest: {
    none: new Set([
      '--ci',
      '--runInBand',
      '-i',
      '--coverage',
      '--verbose',
      '--passWithNoTests',
      '--forceExit'
    ]),
    value: new Set(['--config', '-c'])
  },
  vitest: {
    none: new Set(['--run', '--globals', '--passWithNoTests']),
    value: new Set(['--config', '-c', '--project', '--reporter', '--environment', '--pool', '--root', '-r'])
  },
  pytest: {
    none: new Set(['-q', '-v', '-vv', '-x', '-s', '--quiet', '--verbose', '--exitfirst', '--strict-markers']),
    value: new Set([
      '-p',
      '-k',
      '-m',
      '-c',
      '-o',
      '--rootdir',
      '--maxfail',
      '--tb',
      '-n',
      '--ignore',
      '--deselect'
    ])
  }
}
const isPathFiltered = (r: TestRunner): r is PathFiltered => Object.hasOwn(FLAGS, r)

/**
 * jest, vitest and pytest run every test that any path argument names: the user's own (`vitest run
 * src/unit`, `pytest tests`) beside the failed files or node ids would run all of them again. On the
 * runner's own line the user's paths are replaced by the retry's; undefined (the words are appended) through a script, where no filter was
 * given, or where a word could be the value of the flag before it.
 */
function filtersReplaced(inv: RunnerInvocation, added: readonly string[]): string | undefined {
  const { runner, prefix } = inv
  if (!prefix || !isPathFiltered(runner)) return undefined
  const flags = FLAGS[runner]
  const words = [...inv.args]
  const kept: string[] = []
  if (runner === 'vitest' && words[0] === 'related') return undefined
  if (runner === 'vitest' && VITEST_COMMANDS.has(words[0] ?? '')) kept.push(words.shift()!)
  let filters = 0
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === '--') {
      filters += words.length - i - 1
      break
    }
    if (!w.startsWith('-')) {
      filters++
      continue
    }
    kept.push(w)
    const next = words[i + 1]
    if (next === undefined || next.startsWith('-') || w.includes('=') || flags.none.has(w)) continue
    if (!flags.value.has(w)) return undefined
    kept.push(next)
    i++
  }
  if (filters === 0) return undefined
  return (inv.lead ?? '') + [...prefix, ...kept, ...added].map(shellQuote).join(' ')
}

/** The command with words added where they reach the runner; the command as it is when there are none. */
export function commandWith(
  command: string,
  inv: RunnerInvocation | undefined,
  args: readonly string[]
): string {
  if (args.length === 0 || !inv?.append) return command
  const joined = args.map(shellQuote).join(' ')
  return inv.append === 'after-dashes' ? `${inv.target} -- ${joined}` : `${inv.target} ${joined}`
}

/** Values for the same variable joined with a space, in order. */
export function joinEnv(...sets: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const set of sets) {
    for (const [k, v] of Object.entries(set)) out[k] = out[k] === undefined ? v : `${out[k]} ${v}`
  }
  return out
}
