/**
 * Which test runner a tier command starts, and how arguments reach it: directly (`npx jest --ci`), through
 * package.json scripts (`npm run test:unit` → `cross-env NODE_ENV=test jest`), `npx`/`pnpm exec`/`yarn`,
 * `cross-env` and env assignments, `node …/jest.js`, `python -m pytest`, `poetry run`/`uv run`, and the last
 * command of a `&&` chain. Undefined when it cannot be told with certainty. Pure: the caller passes the
 * scripts of the working directory's package.json.
 */
import { shellQuote } from '../shell-quote.js'
import { splitCommandLine, type CommandLine } from './command-words.js'

export type TestRunner = 'jest' | 'vitest' | 'pytest' | 'node:test' | 'go' | 'mocha' | 'playwright'

export const RUNNER_LABELS: Record<TestRunner, string> = {
  jest: 'jest',
  vitest: 'vitest',
  pytest: 'pytest',
  'node:test': 'node --test',
  go: 'go test',
  mocha: 'mocha',
  playwright: 'playwright test'
}

/**
 * How words added at the end of the command reach the runner: `direct` as they are (the command or the
 * script it runs ends with the runner), `after-dashes` behind a `--` (npm run). Absent: they cannot.
 */
export type AppendMode = 'direct' | 'after-dashes'

export interface RunnerInvocation {
  runner: TestRunner
  /** What the runner gets from the command and its scripts: the words after its binary (and `test`). */
  args: string[]
  /** The command that further arguments are added to: the tier command, or the script it forwards to. */
  target: string
  append?: AppendMode
  /** When the runner is the target's own last command: the words before the runner's arguments. */
  prefix?: string[]
  /** With `prefix`: the commands before it in the chain, quoted, with their operators ("cd api && "). */
  lead?: string
  /** How it was found, for the log: `npm run test:unit → jest --ci`. */
  via: string
}

const MAX_SCRIPT_DEPTH = 4
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/
const PYTHON = /^python(3(\.\d+)?)?$/
/** Launchers that run the rest of the line as a command (their own flags take no separate value). */
const LAUNCHERS = new Set(['npx', 'bunx', 'cross-env', 'cross-env-shell', 'c8', 'nyc', 'dotenv'])
const PY_LAUNCHERS = new Set(['poetry', 'uv', 'pipenv', 'pdm', 'hatch', 'rye'])
/** node flags that take their value as the next word. */
const NODE_VALUE_FLAGS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C'])

export function detectRunner(
  command: string,
  scripts: Readonly<Record<string, string>>
): RunnerInvocation | undefined {
  return detectIn(command, scripts, 0)
}

function detectIn(
  command: string,
  scripts: Readonly<Record<string, string>>,
  depth: number
): RunnerInvocation | undefined {
  const line = splitCommandLine(command)
  if (!line || depth > MAX_SCRIPT_DEPTH) return undefined
  for (let i = line.segments.length - 1; i >= 0; i--) {
    const words = line.segments[i]!
    const last = i === line.segments.length - 1
    const script = scriptCall(words, scripts)
    if (script) {
      const inner = detectIn(scripts[script.name]!, scripts, depth + 1)
      if (!inner) continue
      return throughScript(command, inner, script, last && line.segments.length === 1, last, scripts)
    }
    const found = runnerWords(words)
    if (found) {
      return {
        runner: found.runner,
        args: words.slice(found.argsFrom),
        target: command,
        ...(last
          ? { append: 'direct' as const, prefix: words.slice(0, found.argsFrom), lead: leadOf(line, i) }
          : {}),
        via: words.join(' ')
      }
    }
  }
  return undefined
}

function leadOf(line: CommandLine, last: number): string {
  return line.segments
    .slice(0, last)
    .map((words, i) => `${words.map(shellQuote).join(' ')} ${line.operators[i]} `)
    .join('')
}

interface ScriptCall {
  name: string
  manager: string
  /** Words given to the script by the call (after the name, without npm's `--`). */
  extra: string[]
  /** The call already has npm's `--`: more words go straight on. */
  hasDashes: boolean
}

/** `npm run x`, `npm test`, `pnpm x`, `yarn run x`, `bun run x`: a call of a package.json script. */
function scriptCall(words: string[], scripts: Readonly<Record<string, string>>): ScriptCall | undefined {
  const [manager, ...rest] = words
  if (manager !== 'npm' && manager !== 'pnpm' && manager !== 'yarn' && manager !== 'bun') return undefined
  // Flags before the script (npm -s run x); a flag that moves the project (--prefix) is not followed.
  while (rest[0]?.startsWith('-')) {
    if (!/^(-s|--silent|-q|--quiet|--if-present)$/.test(rest[0])) return undefined
    rest.shift()
  }
  let name: string | undefined
  if (rest[0] === 'run' || rest[0] === 'run-script') name = rest[1]
  else if (rest[0] === 'test' || rest[0] === 't' || rest[0] === 'tst') name = 'test'
  else if (manager !== 'npm' && manager !== 'bun') name = rest[0]
  if (name === undefined || scripts[name] === undefined) return undefined
  if (manager === 'bun' && rest[0] !== 'run') return undefined // `bun test` is bun's own runner
  const after = rest.slice(rest[0] === 'run' || rest[0] === 'run-script' ? 2 : 1)
  const dashes = after.indexOf('--')
  const extra = manager === 'npm' ? (dashes >= 0 ? after.slice(dashes + 1) : []) : after
  return { name, manager, extra, hasDashes: dashes >= 0 }
}

function throughScript(
  command: string,
  inner: RunnerInvocation,
  call: ScriptCall,
  whole: boolean,
  last: boolean,
  scripts: Readonly<Record<string, string>>
): RunnerInvocation {
  const via = `${call.manager} ${call.name === 'test' ? 'test' : `run ${call.name}`} → ${inner.via}`
  const base = { runner: inner.runner, args: [...inner.args, ...call.extra], via }
  // The script runs the runner last: what follows the call reaches it.
  if (last && inner.append === 'direct' && inner.target === scripts[call.name]) {
    const append = call.manager === 'npm' && !call.hasDashes ? 'after-dashes' : 'direct'
    return { ...base, target: command, append }
  }
  // The script only forwards to another script (`"test": "npm run test:jest"`), and has no pre/post
  // hooks: calling that script directly is the same run.
  const hooks = scripts[`pre${call.name}`] !== undefined || scripts[`post${call.name}`] !== undefined
  if (whole && inner.append !== undefined && call.extra.length === 0 && !hooks) {
    return { ...base, target: inner.target, append: inner.append }
  }
  return { ...base, target: command }
}

/** The runner a command's words start, and where its own arguments begin. */
function runnerWords(words: string[]): { runner: TestRunner; argsFrom: number } | undefined {
  let i = 0
  const skipFlags = (): void => {
    while (words[i]?.startsWith('-')) i++
  }
  for (;;) {
    const w = words[i]
    if (w === undefined) return undefined
    if (ENV_ASSIGNMENT.test(w)) i++
    else if (LAUNCHERS.has(w)) {
      i++
      skipFlags()
      if (words[i] === '--') i++
    } else if (
      (w === 'pnpm' || w === 'yarn' || w === 'npm') &&
      (words[i + 1] === 'exec' || words[i + 1] === 'x')
    ) {
      i += 2
      skipFlags()
      if (words[i] === '--') i++
    } else if (
      (w === 'pnpm' || w === 'yarn') &&
      words[i + 1] !== undefined &&
      !words[i + 1]!.startsWith('-')
    ) {
      i++ // `pnpm jest`, `yarn vitest`: the package's own binary
    } else if (PY_LAUNCHERS.has(w) && words[i + 1] === 'run') {
      i += 2
      skipFlags()
    } else break
  }
  const bin = words[i]!
  const base = bin.split('/').pop()!
  if (base === 'node' || base === 'tsx') return nodeWords(words, i)
  if (PYTHON.test(base) && words[i + 1] === '-m' && words[i + 2] === 'pytest')
    return { runner: 'pytest', argsFrom: i + 3 }
  return binRunner(base, bin, words, i)
}

function binRunner(
  base: string,
  bin: string,
  words: string[],
  i: number
): { runner: TestRunner; argsFrom: number } | undefined {
  if (base === 'jest' || base === 'jest.js') return { runner: 'jest', argsFrom: i + 1 }
  if (base === 'vitest' || base === 'vitest.mjs') return { runner: 'vitest', argsFrom: i + 1 }
  if (base === 'mocha' || base === '_mocha' || (base === 'mocha.js' && bin.includes('mocha/')))
    return { runner: 'mocha', argsFrom: i + 1 }
  if (base === 'pytest' || base === 'py.test') return { runner: 'pytest', argsFrom: i + 1 }
  if (base === 'go' && words[i + 1] === 'test') return { runner: 'go', argsFrom: i + 2 }
  const playwright = base === 'playwright' || (base === 'cli.js' && bin.includes('playwright'))
  if (playwright && words[i + 1] === 'test') return { runner: 'playwright', argsFrom: i + 2 }
  return undefined
}

/** `node [flags] script …`: node:test when a flag is --test, else the runner the script is. */
function nodeWords(words: string[], at: number): { runner: TestRunner; argsFrom: number } | undefined {
  let i = at + 1
  let test = false
  while (words[i]?.startsWith('-')) {
    if (words[i] === '--test') test = true
    i += NODE_VALUE_FLAGS.has(words[i]!) ? 2 : 1
  }
  if (test) return { runner: 'node:test', argsFrom: at + 1 }
  const script = words[i]
  if (script === undefined) return undefined
  return binRunner(script.split('/').pop()!, script, words, i)
}
