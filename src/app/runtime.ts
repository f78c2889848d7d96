/**
 * Everything the modes need from the outside world, created in one place (wiring/) for the action or the
 * CLI and passed in. Nothing below app/ reaches for process.env, the file system or the network itself.
 */
import type { RunContext } from '../core/context.js'
import type { Inputs } from '../inputs/types.js'
import type {
  AwsClientsFactory,
  Clock,
  CommentFiles,
  GitHub,
  DockerCliFactory,
  HealthClient,
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
  /** GitHub for the run's token, created on first use. */
  github: () => Promise<GitHub>
  commentFiles: CommentFiles
  /** LocalStack: a docker client per folder and environment, and the health endpoint's client. */
  docker: DockerCliFactory
  localstackHealth: HealthClient
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

/** The action's main step before its inputs are read: where they come from, and how the step fails. */
export interface MainHost {
  env: Record<string, string | undefined>
  input(name: string): string
  log: Log
  context(): Promise<RunContext>
  runtime(inputs: Inputs, context: RunContext): Runtime
  /** Marks the step failed with the message. */
  fail(message: string): void
}

/** The post step: main's saved state, and what it takes to remove what main did not confirm removed. */
export interface PostRuntime extends Pick<
  Runtime,
  'clock' | 'log' | 'state' | 'summary' | 'aws' | 'docker' | 'env' | 'repoRoot'
> {
  fail(message: string): void
}
