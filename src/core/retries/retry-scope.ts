/**
 * How a failed tier is re-run. For jest and vitest only the failed test files and names run again;
 * any other command (or a failure we cannot name) re-runs whole. Pure: the caller passes the scripts of
 * the working directory's package.json so `npm run test:unit` can be seen through.
 */
import type { TestCase } from '../results/model.js'
import { shellQuoteAlways } from '../shell-quote.js'

export type TestRunner = 'jest' | 'vitest'

export interface RetryPlan {
  command: string
  scope: 'all' | 'failed-only'
  /** Why the scope was chosen, for the log. */
  why: string
}

const SCRIPT_RUNNER = /^(npm|pnpm|yarn|bun)\s+(run\s+|run-script\s+)?([\w:.-]+)\s*$/
const NPM_TEST = /^(npm|pnpm|yarn|bun)\s+(test|t)\s*$/
/** Operators after which appended arguments would reach another command than the runner. */
const SHELL_CONTROL = /[;&|<>`]|\$\(/

/** Which runner a command line starts, if it can be told with certainty. */
export function detectRunner(command: string, scripts: Record<string, string>): TestRunner | undefined {
  const trimmed = command.trim()
  const viaScript = NPM_TEST.exec(trimmed)
    ? scripts['test']
    : (() => {
        const m = SCRIPT_RUNNER.exec(trimmed)
        return m ? scripts[m[3]!] : undefined
      })()
  const line = viaScript ?? trimmed
  if (SHELL_CONTROL.test(line)) return undefined
  const words = line.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''))
  const bin = words.find(
    (w) => !/^[A-Z_][A-Z0-9_]*=/.test(w) && !['npx', 'pnpm', 'exec', 'yarn', 'bunx', 'node'].includes(w)
  )
  if (!bin) return undefined
  const base = bin.split('/').pop() ?? bin
  if (base === 'jest' || base === 'jest.js') return 'jest'
  if (base === 'vitest' || base === 'vitest.mjs') return 'vitest'
  return undefined
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Arguments that go after `--` for npm-style script runners, directly otherwise. */
function appendArgs(command: string, args: string[]): string {
  const viaScript = SCRIPT_RUNNER.test(command.trim()) || NPM_TEST.test(command.trim())
  const joined = args.map(shellQuoteAlways).join(' ')
  return viaScript && !/^(yarn|bun)\s/.test(command.trim())
    ? `${command} -- ${joined}`
    : `${command} ${joined}`
}

/**
 * The command for the next attempt, given the tests that are still failing after the last one.
 * `failed` empty (e.g. no report) means the whole command runs again.
 */
export function planRetry(
  command: string,
  failed: readonly TestCase[],
  scripts: Record<string, string>
): RetryPlan {
  if (failed.length === 0)
    return { command, scope: 'all', why: 'no failed test could be named: the whole command runs again' }
  const runner = detectRunner(command, scripts)
  if (!runner)
    return { command, scope: 'all', why: 'not a jest or vitest command: the whole command runs again' }
  if (failed.some((t) => !t.file)) {
    return {
      command,
      scope: 'all',
      why: 'a failed test has no file in the report: the whole command runs again'
    }
  }
  const files = [...new Set(failed.map((t) => t.file!))].sort()
  // Runners match -t against "<describe titles> <test title>"; reports differ in how they record the suite
  // path, so match on the test's own title at the end of the full name. A same-titled sibling in a failed
  // file may run again too, which is harmless.
  const names = [...new Set(failed.map((t) => t.name))].sort()
  const namePattern = `(^| )(${names.map(escapeRegex).join('|')})$`
  // jest: array options in the user's script (--reporters, --selectProjects) swallow positionals that
  // follow them, so the name pattern comes first and the file patterns after `--`.
  const args =
    runner === 'jest'
      ? ['--testNamePattern', namePattern, '--', ...files.map((f) => escapeRegex(f) + '$')]
      : [...files, '-t', namePattern]
  return {
    command: appendArgs(command, args),
    scope: 'failed-only',
    why: `${runner}: re-running ${failed.length} failed test(s) in ${files.length} file(s)`
  }
}
