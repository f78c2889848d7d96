/**
 * Command line of `serverless-test-pyramid`. Every action input is also a flag of the same name
 * (`--tiers unit,integration`, `--retries 1`, `--localstack external`), so the CLI and the action read
 * one set of names; the CLI adds the event to simulate and where to write its files.
 */
export interface CliArgs {
  command: 'run' | 'plan' | 'help'
  /** Action inputs given as flags, by input name. */
  inputs: Record<string, string>
  event: string
  /** Simulate a pull request from a fork. */
  fork: boolean
  branch?: string
  defaultBranch?: string
  summaryFile?: string
  color?: boolean
}

export class CliUsageError extends Error {}

const CLI_FLAGS = new Set(['event', 'branch', 'default-branch', 'summary-file'])
const BOOLEAN_FLAGS = new Set(['fork', 'no-color', 'color', 'help'])

export function parseCliArgs(argv: readonly string[], knownInputs: ReadonlySet<string>): CliArgs {
  const args: CliArgs = { command: 'run', inputs: {}, event: 'push', fork: false }
  const rest = [...argv]
  if (rest[0] && !rest[0].startsWith('-')) {
    const cmd = rest.shift()!
    if (cmd !== 'run' && cmd !== 'plan' && cmd !== 'help') {
      throw new CliUsageError(`unknown command "${cmd}": use run, plan or help`)
    }
    args.command = cmd
  }
  while (rest.length > 0) {
    const token = rest.shift()!
    if (!token.startsWith('--'))
      throw new CliUsageError(`unexpected argument "${token}": flags look like --name value`)
    const eq = token.indexOf('=')
    const name = token.slice(2, eq > 0 ? eq : undefined)
    if (BOOLEAN_FLAGS.has(name)) {
      if (name === 'help') args.command = 'help'
      else if (name === 'fork') args.fork = true
      else args.color = name === 'color'
      continue
    }
    if (!CLI_FLAGS.has(name) && !knownInputs.has(name)) {
      throw new CliUsageError(`unknown flag --${name}: see --help for the flags (every action input is one)`)
    }
    const value = eq > 0 ? token.slice(eq + 1) : rest.shift()
    if (value === undefined) throw new CliUsageError(`--${name} needs a value`)
    if (name === 'event') args.event = value
    else if (name === 'branch') args.branch = value
    else if (name === 'default-branch') args.defaultBranch = value
    else if (name === 'summary-file') args.summaryFile = value
    else args.inputs[name] = value
  }
  if (args.command === 'plan') args.inputs.mode = 'plan'
  return args
}

export const CLI_HELP = `serverless-test-pyramid — run the serverless testing pyramid on this machine

Usage:
  serverless-test-pyramid run  [flags]   run the tiers for the event and print the summary
  serverless-test-pyramid plan [flags]   print which tiers would run, and why
  serverless-test-pyramid help

Flags:
  --event NAME            event to simulate: push (default), pull_request, merge_group,
                          workflow_dispatch, schedule
  --branch NAME           branch of the push (default: the current git branch)
  --default-branch NAME   the repository's default branch (default: origin/HEAD, then
                          git's init.defaultBranch, then main; the run says which)
  --fork                  simulate a pull request from a fork (no e2e, no secrets)
  --summary-file PATH     also write the markdown summary there (default .pyramid/summary.md)
  --no-color              plain output
  --<input> VALUE         any input of the action, e.g. --tiers unit,integration --retries 1
                          --working-directory examples/app --localstack external

Files: the CTRF report goes to --report-path (default pyramid-report.json in the working directory).
`
