/**
 * Failures no retry can fix: the command or script does not exist, a module or reporter cannot be
 * resolved, the runner's configuration is invalid, it finds no tests, a coverage threshold is not met.
 * Retrying them only costs time (and hides the reason); the tier says why it did not retry. Read from
 * the exit code and the end of the command's output, only when no test failed (a test that failed may
 * be flaky). Pure.
 */
import type { TestRunner } from '../runners/detect-runner.js'

export interface FinishedCommand {
  exitCode: number | null
  /** The last lines of the command's output. */
  output: readonly string[]
  runner: TestRunner | undefined
}

interface Rule {
  pattern: RegExp
  /** The reason, from the match. */
  why: (m: RegExpExecArray) => string
  /** Only for this runner (the message is its own). */
  runner?: TestRunner
}

const RULES: readonly Rule[] = [
  {
    pattern: /\bnpm (?:ERR!|error) Missing script: "?([^"\s]+)"?/i,
    why: (m) => `npm has no script "${m[1]}" in package.json`
  },
  { pattern: /ERR_PNPM_NO_SCRIPT\S*\s+Missing script: (\S+)/, why: (m) => `pnpm has no script "${m[1]}"` },
  { pattern: /error Command "([^"]+)" not found/, why: (m) => `yarn has no script or binary "${m[1]}"` },
  { pattern: /Couldn't find a script named "([^"]+)"/, why: (m) => `yarn has no script "${m[1]}"` },
  {
    pattern: /Could not resolve a module for a custom reporter/,
    why: () => 'jest cannot resolve a custom reporter module'
  },
  {
    pattern: /Failed to load custom Reporter from (\S+)/,
    why: (m) => `vitest cannot load the reporter ${m[1]}`
  },
  {
    pattern: /Error: Cannot find module '([^']+)'(?! from)/,
    why: (m) => `a module cannot be resolved: ${m[1]}`
  },
  {
    pattern: /\b(?:Preset|Module) (\S+) (?:not found|in the \w+ option was not found)/,
    why: (m) => `jest's configuration names ${m[1]}, which cannot be found`
  },
  { pattern: /● Validation Error/, why: () => "jest's configuration is invalid" },
  { pattern: /failed to load config from (\S+)/i, why: (m) => `the configuration ${m[1]} cannot be loaded` },
  { pattern: /No tests found, exiting with code/, why: () => 'jest finds no tests' },
  { pattern: /No test files found/, why: () => 'no test files are found' },
  { pattern: /Error: No tests found/, why: () => 'playwright finds no tests', runner: 'playwright' },
  { pattern: /coverage threshold for \S+ \([^)]*\) not met/i, why: () => 'a coverage threshold is not met' },
  { pattern: /\[(?:setup|build) failed\]/, why: () => 'a go package does not build', runner: 'go' },
  { pattern: /cannot find main module|no Go files in/, why: () => 'go cannot find the package', runner: 'go' }
]

/** pytest's documented exit codes that no retry changes: 4 usage error, 5 no tests collected. */
const PYTEST_EXITS = new Map([
  [4, 'pytest refused its arguments or configuration (exit 4, usage error)'],
  [5, 'pytest collected no tests (exit 5)']
])

/** Why another attempt cannot pass, or undefined when it might. */
export function whyCannotPass(cmd: FinishedCommand): string | undefined {
  if (cmd.exitCode === 0 || cmd.exitCode === null) return undefined
  if (cmd.exitCode === 127) return `a command is not found (exit 127)${quoted(cmd.output, /not found/)}`
  if (cmd.exitCode === 126)
    return `a command cannot be executed (exit 126)${quoted(cmd.output, /denied|cannot execute/)}`
  const text = cmd.output.join('\n')
  for (const rule of RULES) {
    if (rule.runner !== undefined && rule.runner !== cmd.runner) continue
    const m = rule.pattern.exec(text)
    if (m) return rule.why(m)
  }
  if (cmd.runner === 'pytest') return PYTEST_EXITS.get(cmd.exitCode)
  return undefined
}

function quoted(output: readonly string[], wanted: RegExp): string {
  const line = [...output].reverse().find((l) => wanted.test(l))
  return line === undefined ? '' : `: ${line.trim().slice(0, 200)}`
}
