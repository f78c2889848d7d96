/**
 * Each runner's own way to run exactly some tests again, from the tests that failed: jest and vitest a
 * name pattern and file filters, pytest node ids, go test `-run '^(A|B)$'` per package, mocha `--grep`,
 * node:test `--test-name-pattern`, Playwright `--last-failed`. Patterns match whole titles: every
 * character of a title is literal (escaped), and whitespace runs match any whitespace (titles are
 * normalised, see core/results/identity.ts). A file that did not load is retried by file, never by name.
 * Pure.
 */
import type { TestCase } from '../results/model.js'
import type { TestRunner } from '../runners/detect-runner.js'
import { shellQuoteAlways } from '../shell-quote.js'

export interface RunnerFilter {
  /** Words added to the runner's arguments. */
  args: string[]
  /** The words must come before the runner's own positional arguments (node:test takes files last). */
  front?: true
  /** Values appended to environment variables (node:test reads its pattern from NODE_OPTIONS). */
  envAppend: Record<string, string>
  /** A name filter is on: tests it leaves out come back "skipped", which is not an attempt. */
  nameFiltered: boolean
}

/** Paths as the runner sees them (relative to the working directory). */
export type CwdPath = (repoPath: string) => string

/** Undefined: this runner cannot target these tests (the caller re-runs the whole command and says why). */
export type FilterResult = { filter: RunnerFilter } | { whole: string }

export function runnerFilter(
  runner: TestRunner,
  failed: readonly TestCase[],
  cwdPath: CwdPath
): FilterResult {
  const loads = failed.filter((t) => t.loadFailure)
  switch (runner) {
    case 'jest':
    case 'vitest':
      return jsFilter(runner, failed, loads.length > 0, cwdPath)
    case 'pytest':
      return pytestFilter(failed, cwdPath)
    case 'mocha':
      if (loads.length > 0) return { whole: 'a file did not load' }
      return filter(['--grep', `^(${alternatives(failed.map(fullTitle))})$`], {}, true)
    case 'node:test':
      // Node 20 refuses --test-name-pattern in NODE_OPTIONS, and reads a flag after a file as a file.
      if (loads.length > 0) return { whole: 'a file did not load' }
      return {
        filter: {
          args: [`--test-name-pattern=^(${alternatives(failed.map((t) => t.name))})$`],
          front: true,
          envAppend: {},
          nameFiltered: true
        }
      }
    case 'playwright':
      return filter(['--last-failed'], {}, false)
    case 'go':
      return { whole: 'go test is re-run per package by goRetryCommands' }
  }
}

function filter(args: string[], envAppend: Record<string, string>, nameFiltered: boolean): FilterResult {
  return { filter: { args, envAppend, nameFiltered } }
}

function jsFilter(
  runner: 'jest' | 'vitest',
  failed: readonly TestCase[],
  byFileOnly: boolean,
  cwdPath: CwdPath
): FilterResult {
  if (failed.some((t) => !t.file)) return { whole: 'a failed test has no file in the report' }
  const files = [...new Set(failed.map((t) => cwdPath(t.file!)))].sort()
  if (runner === 'jest') {
    // jest matches file patterns as regexes against absolute paths; array options in the user's script
    // (--reporters, --selectProjects) swallow positionals that follow them, so they come after `--`.
    const patterns = ['--', ...files.map((f) => escapeRegex(f) + '$')]
    if (byFileOnly) return filter(patterns, {}, false)
    return filter(['--testNamePattern', namePattern(failed), ...patterns], {}, true)
  }
  if (byFileOnly) return filter(files, {}, false)
  return filter([...files, '-t', namePattern(failed)], {}, true)
}

/**
 * jest and vitest match `-t` against "<describe titles> <title>" joined by spaces; reports differ in how
 * they record the suite path, so match the test's own title at the end of the full name. A same-titled
 * sibling in a failed file may run again too; it was not targeted, so its run is not recorded.
 */
function namePattern(failed: readonly TestCase[]): string {
  return `(^| )(${alternatives(failed.filter((t) => !t.loadFailure).map((t) => t.name))})$`
}

function fullTitle(t: TestCase): string {
  return [...t.suite, t.name].join(' ')
}

function alternatives(titles: readonly string[]): string {
  return [...new Set(titles)]
    .sort()
    .map((t) => escapeRegex(t).replace(/ /g, '\\s+'))
    .join('|')
}

/** Every regex metacharacter made literal (JavaScript and RE2 agree on these). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * pytest node ids, `path::Class::name`: the path from the report (xunit1 and our auto-report write it),
 * the class from the dotted class name past the module. A file that did not collect stops pytest's
 * whole session (nothing else ran), so that re-runs the whole command.
 */
function pytestFilter(failed: readonly TestCase[], cwdPath: CwdPath): FilterResult {
  if (failed.some((t) => t.loadFailure)) {
    return { whole: 'a file did not collect, which stops the whole pytest session' }
  }
  if (failed.some((t) => !t.file)) {
    return { whole: 'the pytest report has no file paths (junit_family=xunit2): node ids cannot be built' }
  }
  const ids = failed.map((t) => {
    const file = cwdPath(t.file!)
    const module = file.replace(/\.py$/, '').replace(/[\\/]/g, '.')
    const classname = t.suite[t.suite.length - 1] ?? ''
    const classes = classname.startsWith(`${module}.`) ? classname.slice(module.length + 1).split('.') : []
    return [file, ...classes, t.name].join('::')
  })
  return filter([...new Set(ids)], {}, false)
}

/**
 * go test: one `go test -run '^(A|B)$' <package>` per package, with the user's flags, its exit status
 * the worst of them. A go test's suite starts with its package; a subtest's parent is its top-level
 * test, which is what -run names (a failed subtest fails its parent too).
 */
export function goRetryCommand(
  lead: string,
  prefix: readonly string[],
  flags: readonly string[],
  failed: readonly TestCase[]
): string {
  const byPackage = new Map<string, Set<string>>()
  for (const t of failed) {
    const pkg = t.suite[0]
    if (pkg === undefined) continue
    const names = byPackage.get(pkg) ?? new Set<string>()
    if (!t.loadFailure) names.add(t.suite[1] ?? t.name)
    byPackage.set(pkg, names)
  }
  const base = [...prefix, ...flags].map(shellQuoteAlways).join(' ')
  const runs = [...byPackage]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([pkg, names]) => {
      const run =
        names.size > 0
          ? ` -run ${shellQuoteAlways(`^(${[...names].sort().map(escapeRegex).join('|')})$`)}`
          : ''
      return `${base}${run} ${shellQuoteAlways(pkg)} || status=$?`
    })
  const all = ['status=0', ...runs, 'exit $status'].join('; ')
  return lead === '' ? all : `${lead}{ ${all}; }`
}

/** go test flags that take their value as the next word (the rest are booleans or `-flag=value`). */
const GO_VALUE_FLAGS = new Set(
  'run skip bench benchtime count cpu parallel timeout tags p coverprofile covermode coverpkg o exec vet shuffle blockprofile cpuprofile memprofile mutexprofile outputdir trace ldflags gcflags asmflags mod modfile pkgdir toolexec buildmode compiler gccgoflags installsuffix overlay pgo fuzz fuzztime fuzzminimizetime'.split(
    ' '
  )
)

/** The user's go test flags without its package patterns and its own -run. */
export function goFlags(args: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (!a.startsWith('-')) continue
    const name = a.replace(/^--?/, '').split('=')[0]!
    const takesNext = GO_VALUE_FLAGS.has(name) && !a.includes('=')
    if (name !== 'run') out.push(a, ...(takesNext && args[i + 1] !== undefined ? [args[i + 1]!] : []))
    if (takesNext) i++
  }
  return out
}
