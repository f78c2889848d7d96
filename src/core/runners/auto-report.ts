/**
 * Zero-config results: when a tier command is a runner we know and nothing in it writes machine-readable
 * results, add the runner's own built-in output, into the attempt's results folder. Nothing is
 * installed: every runner here ships the reporter used. Pure.
 */
import { shellQuote } from '../shell-quote.js'
import { RUNNER_LABELS, type RunnerInvocation, type TestRunner } from './detect-runner.js'

/** What the command gets so that it writes a report. */
export interface ReportAdditions {
  /** Words appended to the command (see RunnerInvocation.append). */
  args: string[]
  /** Values added to environment variables: appended after a space to what is there. */
  envAppend: Record<string, string>
  /** Variables set when the user has not set them. */
  envDefault: Record<string, string>
  /** `go test -json`: the command's own output is the report, kept in this file of the results folder. */
  outputReport?: string
}

export type AutoReportPlan =
  | { kind: 'add'; runner: TestRunner; additions: ReportAdditions; says: string }
  | { kind: 'leave'; runner: TestRunner; why: string }

export interface AutoReportContext {
  /** The attempt's results folder (PYRAMID_RESULTS_DIR). */
  resultsDir: string
  env: Readonly<Record<string, string | undefined>>
  /** The text of the runner's configuration files in the working directory, where they set reporters. */
  configText: string
}

/**
 * Where each runner's configuration may set reporters (its CLI flag would replace them, and the user's
 * own report with them): files in the working directory, and package.json keys.
 */
export const REPORTER_CONFIG: Record<TestRunner, { files: string[]; packageKey?: string }> = {
  jest: { files: [] },
  vitest: { files: configNames(['vitest.config', 'vite.config', 'vitest.workspace']) },
  pytest: { files: ['pytest.ini', 'pyproject.toml', 'setup.cfg', 'tox.ini'] },
  'node:test': { files: [] },
  go: { files: [] },
  mocha: {
    files: [
      '.mocharc.js',
      '.mocharc.cjs',
      '.mocharc.mjs',
      '.mocharc.json',
      '.mocharc.jsonc',
      '.mocharc.yaml',
      '.mocharc.yml'
    ],
    packageKey: 'mocha'
  },
  playwright: { files: configNames(['playwright.config']) }
}

function configNames(stems: string[]): string[] {
  return stems.flatMap((s) => ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].map((e) => `${s}.${e}`))
}

const NONE: ReportAdditions = { args: [], envAppend: {}, envDefault: {} }

export function planAutoReport(inv: RunnerInvocation, ctx: AutoReportContext): AutoReportPlan {
  const label = RUNNER_LABELS[inv.runner]
  const leave = (why: string): AutoReportPlan => ({ kind: 'leave', runner: inv.runner, why })
  const configured = alreadyReports(inv, ctx)
  if (configured)
    return leave(`${label} already writes ${configured}: auto-report leaves the command as it is`)
  const additions = additionsFor(inv.runner, ctx)
  if (additions.args.length > 0 && inv.append === undefined) {
    return leave(
      `${label} runs inside \`${inv.target}\` where added flags would not reach it; ${reportHint(inv.runner)}`
    )
  }
  const what = [
    ...(additions.args.length > 0 ? [additions.args.map(shellQuote).join(' ')] : []),
    ...Object.entries({ ...additions.envAppend, ...additions.envDefault }).map(([k, v]) => `${k}=${v}`)
  ].join(' and ')
  return {
    kind: 'add',
    runner: inv.runner,
    additions,
    says: `${label} found (${inv.via}); auto-report adds ${what} so its own results are read (auto-report: false turns this off)`
  }
}

function additionsFor(runner: TestRunner, ctx: AutoReportContext): ReportAdditions {
  const file = (name: string): string => `${ctx.resultsDir}/${name}`
  switch (runner) {
    case 'jest':
      return {
        ...NONE,
        args: ['--json', `--outputFile=${file('jest-results.json')}`, '--testLocationInResults']
      }
    case 'vitest':
      // The json reporter keeps vitest's retries (a failure message per failed execution); junit does not.
      // --reporter replaces the config's reporters: the console ones it names are given again.
      return {
        ...NONE,
        args: [
          ...(vitestConsoleReporters(ctx.configText) ?? ['default']).map((r) => `--reporter=${r}`),
          '--reporter=junit',
          `--outputFile.junit=${file('vitest-junit.xml')}`,
          '--reporter=json',
          `--outputFile.json=${file('vitest-results.json')}`
        ]
      }
    case 'pytest':
      // xunit1 keeps each test's file and line, which retries by node id and annotations need.
      return {
        ...NONE,
        envAppend: {
          PYTEST_ADDOPTS: `--junitxml=${shellQuote(file('pytest-junit.xml'))} -o junit_family=xunit1`
        }
      }
    case 'node:test':
      return {
        ...NONE,
        envAppend: {
          NODE_OPTIONS: `--test-reporter=spec --test-reporter-destination=stdout --test-reporter=junit --test-reporter-destination=${nodeOptionValue(file('node-test-junit.xml'))}`
        }
      }
    case 'go':
      return { ...NONE, args: ['-json'], outputReport: 'go-test.json' }
    case 'mocha':
      return { ...NONE, args: ['--reporter=json', `--reporter-option=output=${file('mocha-results.json')}`] }
    case 'playwright':
      return {
        ...NONE,
        args: ['--reporter=list,junit'],
        envDefault: {
          PLAYWRIGHT_JUNIT_OUTPUT_NAME: file('playwright-junit.xml'),
          PLAYWRIGHT_JUNIT_INCLUDE_RETRIES: 'true'
        }
      }
  }
}

/** NODE_OPTIONS splits on spaces; a value with spaces is double-quoted, with `\` and `"` escaped. */
export function nodeOptionValue(v: string): string {
  return /[\s"\\]/.test(v) ? `"${v.replace(/[\\"]/g, '\\$&')}"` : v
}

/** What already makes the command write results, if anything: a flag, a variable or its config file. */
function alreadyReports(inv: RunnerInvocation, ctx: AutoReportContext): string | undefined {
  const has = (re: RegExp): boolean => inv.args.some((a) => re.test(a))
  switch (inv.runner) {
    case 'jest':
      return has(/^--json$/) ? '--json' : undefined
    case 'vitest':
      if (has(/^--reporter(=|$)/)) return 'results with its own --reporter'
      return /\breporters\s*:/.test(ctx.configText) && !vitestConsoleReporters(ctx.configText)
        ? 'the reporters its config file sets'
        : undefined
    case 'pytest':
      if (has(/^--junit-?xml(=|$)/) || /--junit-?xml/.test(ctx.env.PYTEST_ADDOPTS ?? '')) return '--junitxml'
      return /--junit-?xml/.test(ctx.configText) ? '--junitxml from its config file' : undefined
    case 'node:test':
      return has(/^--test-reporter(=|$)/) || /--test-reporter/.test(ctx.env.NODE_OPTIONS ?? '')
        ? 'the reporters --test-reporter names'
        : undefined
    case 'go':
      if (has(/^--?json$/)) return '-json'
      return has(/^--?args$/)
        ? 'arguments for the test binary (-args), after which no flag can be added'
        : undefined
    case 'mocha':
      if (has(/^(--reporter|-R)(=|$)/)) return 'results with its own --reporter'
      return /\breporter\b/.test(ctx.configText) ? 'the reporter its config file sets' : undefined
    case 'playwright':
      if (has(/^--reporter(=|$)/)) return 'results with its own --reporter'
      return /\breporter\s*:/.test(ctx.configText) ? 'the reporter its config file sets' : undefined
  }
}

/** vitest's built-in reporters that only print to the console. */
const VITEST_CONSOLE_REPORTERS = new Set([
  'default',
  'verbose',
  'dot',
  'basic',
  'tree',
  'tap',
  'tap-flat',
  'hanging-process',
  'github-actions'
])

/**
 * The reporters a vitest config sets, when its one `reporters:` is a literal list of console reporters
 * (`reporters: ['default']`: nothing machine-readable is written); undefined otherwise.
 */
function vitestConsoleReporters(configText: string): string[] | undefined {
  const all = [...configText.matchAll(/\breporters\s*:\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g)]
  if (all.length !== 1 || (configText.match(/\breporters\s*:/g) ?? []).length !== 1) return undefined
  const list = all[0]![1]!
  const names = [...list.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!)
  const rest = list.replace(/'[^']*'|"[^"]*"/g, '').replace(/[[\],\s]/g, '')
  if (rest !== '' || names.length === 0 || !names.every((n) => VITEST_CONSOLE_REPORTERS.has(n)))
    return undefined
  return names
}

/** The exact flag that makes the runner write a report we read, for the "no report" note. */
export function reportHint(runner: TestRunner): string {
  const dir = '$PYRAMID_RESULTS_DIR'
  switch (runner) {
    case 'jest':
      return `add \`--json --outputFile=${dir}/jest-results.json\` to the jest command (or the jest-junit reporter)`
    case 'vitest':
      return `add \`--reporter=default --reporter=junit --outputFile.junit=${dir}/junit.xml\` to the vitest command`
    case 'pytest':
      return `add \`--junitxml=${dir}/pytest.xml\` to the pytest command`
    case 'node:test':
      return `add \`--test-reporter=spec --test-reporter-destination=stdout --test-reporter=junit --test-reporter-destination=${dir}/junit.xml\` to the node --test command`
    case 'go':
      return `run \`go test -json ./... > ${dir}/go-test.json\` (or pipe go test -v through go-junit-report)`
    case 'mocha':
      return `add \`--reporter=json --reporter-option=output=${dir}/mocha.json\` to the mocha command`
    case 'playwright':
      return `add \`--reporter=list,junit\` to the playwright command and set PLAYWRIGHT_JUNIT_OUTPUT_NAME=${dir}/junit.xml`
  }
}
