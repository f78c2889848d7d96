/**
 * Everything the modes need from the outside world, created in one place (wiring/) for the action or the
 * CLI and passed in. Nothing below app/ reaches for process.env, the file system or the network itself.
 */
import type { RunContext } from '../core/context.js'
import type { AwsClientsFactory } from '../adapters/aws/api.js'
import type { Inputs } from '../inputs/types.js'
import type {
  Clock,
  Log,
  Outputs,
  ResultsSource,
  Shell,
  StateStore,
  SummaryWriter,
  Workspace
} from './ports.js'

export interface Runtime {
  shell: Shell
  clock: Clock
  log: Log
  state: StateStore
  outputs: Outputs
  summary: SummaryWriter
  results: ResultsSource
  workspace: Workspace
  aws: AwsClientsFactory
  /** The job's environment, as the tier commands would inherit it. */
  env: Record<string, string | undefined>
  context: RunContext
  inputs: Inputs
  /** Absolute folder for per-tier, per-attempt results. */
  resultsRoot: string
  /** The repository checkout (GITHUB_WORKSPACE, or the current folder for the CLI). */
  repoRoot: string
  /** 'action' publishes comments and history; 'cli' prints to the terminal. */
  host: 'action' | 'cli'
}
