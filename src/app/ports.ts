/**
 * The edges of the product, as interfaces. The core never touches processes, files, GitHub or AWS; the
 * app layer talks to them only through these ports, created in one place (wiring) and passed in.
 * Tests pass fakes of these interfaces, or the real adapters over real processes and loopback servers.
 */
import type { CommentSection } from '../core/comment/section-blocks.js'
import type { Ledger } from '../core/history/ledger.js'
import type { RunRecord } from '../core/history/record.js'
import type { ParsedReport } from '../core/results/model.js'
import type { OutputName } from '../inputs/output-names.js'

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after ms, or early (without throwing) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export interface AnnotationProps {
  title?: string
  file?: string
  startLine?: number
}

/** Logging and the workflow-command side of the runner (or a terminal, for the CLI). */
export interface Log {
  info(message: string): void
  debug(message: string): void
  warning(message: string, props?: AnnotationProps): void
  /** An error annotation (GitHub shows 10 per step). */
  error(message: string, props?: AnnotationProps): void
  /** Registers a secret so it never appears in logs. */
  mask(secret: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export interface ShellRunOptions {
  cwd: string
  env: Record<string, string | undefined>
  /** Aborting terminates the child's whole process tree (SIGTERM, then SIGKILL after a grace period). */
  signal?: AbortSignal
  /** Each output line as it arrives (already written to the log by the adapter when echo is on). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** Stream the child's output to the log live (default true). */
  echo?: boolean
}

export interface ShellResult {
  exitCode: number | null
  signal?: string
  durationMs: number
  /** The last lines of combined output (bounded), for error messages. */
  tail: string[]
}

/** Runs a command line through a shell (`bash -c` / `cmd /c`). */
export interface Shell {
  run(command: string, opts: ShellRunOptions): Promise<ShellResult>
}

/** Exit code of a shell that could not find the program. */
export const COMMAND_NOT_FOUND = 127

/** The action's saved state (GITHUB_STATE), handed from main to post. */
export interface StateStore {
  save(key: string, value: string): void
  get(key: string): string
}

/** The step's outputs (GITHUB_OUTPUT), by the names action.yml declares. */
export interface Outputs {
  set(name: OutputName, value: string): void
}

export interface SummaryWriter {
  /** Appends markdown to the job summary (GITHUB_STEP_SUMMARY). */
  append(markdown: string): Promise<void>
}

export interface CollectedReports {
  reports: { file: string; report: ParsedReport }[]
  /** Files that looked like reports but could not be read (malformed, hostile, too big), and why. */
  problems: { file: string; reason: string }[]
}

/** Finds and parses test reports (JUnit XML, CTRF, Jest --json). */
export interface ResultsSource {
  /** Every report under dir, plus the glob matches (relative to cwd) modified at or after sinceMs. */
  collect(opts: { dir: string; globs: string[]; cwd: string; sinceMs: number }): Promise<CollectedReports>
}

/** The few file-system facts the engine needs. */
export interface Workspace {
  /** Creates an empty folder (removing what was there). */
  freshDir(path: string): Promise<void>
  /** The `scripts` of package.json in dir, or {} when there is none. */
  packageScripts(dir: string): Promise<Record<string, string>>
  /** Writes the file, creating its folder. */
  writeFile(path: string, content: string): Promise<void>
  /** Writes the pieces to the file as they come (creating its folder), never holding them all. */
  writeChunks(path: string, pieces: Iterable<string>): Promise<void>
  /** The file's text (UTF-8), or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>
  /** Size in bytes of an existing file. */
  fileSize(path: string): Promise<number>
  /** Files matching the glob, relative to cwd: absolute paths, sorted. */
  findFiles(pattern: string, cwd: string): Promise<string[]>
  /** Whether path is an existing folder. Nothing is created. */
  isDirectory(path: string): Promise<boolean>
}

// ---- LocalStack: the docker client and the health endpoint

export interface ContainerState {
  status: string
  running: boolean
  exitCode: number
  oomKilled: boolean
  error: string
}

export interface RunSpec {
  name: string
  image: string
  /** host port published to the container's 4566 */
  hostPort: number
  /** `-e NAME=value` for plain settings */
  env: Record<string, string>
  /** `-e NAME`: names whose values come from the docker client's environment (secrets) */
  envFromClient: string[]
  volumes: string[]
}

export interface DockerOutcome {
  ok: boolean
  exitCode: number | null
  durationMs: number
  /** The last lines of output (stdout and stderr), for error messages. */
  tail: string[]
}

export interface DockerCli {
  imagePresent(image: string): Promise<boolean>
  pull(image: string, signal?: AbortSignal): Promise<DockerOutcome>
  run(spec: RunSpec, signal?: AbortSignal): Promise<DockerOutcome>
  /** undefined when no such container exists */
  inspect(name: string, signal?: AbortSignal): Promise<ContainerState | undefined>
  logsTail(name: string, lines: number): Promise<string[]>
  /** The lines of the whole container log that match (only those are kept). */
  logLinesMatching(name: string, pattern: RegExp): Promise<string[]>
  stop(name: string, graceSeconds: number): Promise<DockerOutcome>
  /** `docker ps -aq --filter name=<regexp>`: the ids of the containers (any state) whose name matches. */
  containerIds(nameRegexp: string): Promise<{ ok: boolean; ids: string[]; outcome: DockerOutcome }>
  /** `docker rm --force --volumes`: removes the containers and their anonymous volumes. */
  remove(refs: readonly string[]): Promise<DockerOutcome>
}

/** A docker client for one working directory and environment (secrets reach `docker run` only from it). */
export type DockerCliFactory = (cwd: string, env: Record<string, string | undefined>) => DockerCli

/** "No such container" / "No such object" in docker's output: the container is gone (or never existed). */
export function isNoSuchContainer(tail: readonly string[]): boolean {
  return tail.some((l) => /no such (container|object)/i.test(l))
}

export interface LocalStackHealth {
  services: Record<string, string>
  edition?: string
  version?: string
}

/**
 * `GET /_localstack/init` (services/internal.py InitScriptsResource at v4.14.0): per stage (BOOT, START,
 * READY, SHUTDOWN) whether it ran, and every init script with its stage and state (UNKNOWN, RUNNING,
 * SUCCESSFUL, ERROR). A stage is "completed" once it ran, even when a script in it ended in ERROR.
 */
export interface InitScripts {
  completed: Record<string, boolean>
  scripts: { stage: string; name: string; state: string }[]
}

export type Probe =
  | { kind: 'localstack'; health: LocalStackHealth }
  /** Something answers HTTP there, but not as LocalStack (e.g. a plain DynamoDB emulator). */
  | { kind: 'http'; status: number }
  /** A TCP connection is accepted, but no HTTP answer came back. */
  | { kind: 'tcp' }
  | { kind: 'down'; reason: string }

export interface HealthClient {
  probe(endpoint: string, timeoutMs: number, signal?: AbortSignal): Promise<Probe>
  /** undefined when the endpoint has no /_localstack/init (an older LocalStack). */
  initScripts(endpoint: string, timeoutMs: number, signal?: AbortSignal): Promise<InitScripts | undefined>
}

// ---- AWS: the narrow view of CloudFormation and STS the e2e tier uses (adapters/aws/clients.ts)

export interface AwsSettings {
  region: string
  /** aws-endpoint-url: an emulator; never taken from the environment. */
  endpointUrl?: string
}

export interface StackDescription {
  name: string
  id: string
  status: string
  reason?: string
  tags: Record<string, string>
  outputs: Record<string, string>
  terminationProtection: boolean
  createdAt?: number
}

export interface StackEvent {
  timestamp: number
  logicalId: string
  physicalId?: string
  type: string
  status: string
  reason?: string
  clientRequestToken?: string
}

export interface StackResourceSummary {
  logicalId: string
  physicalId?: string
  type: string
  status: string
  reason?: string
}

export interface CloudFormationApi {
  /** By name or StackId; undefined when CloudFormation says the stack does not exist. */
  describeStack(nameOrId: string, signal?: AbortSignal): Promise<StackDescription | undefined>
  /** Every stack DescribeStacks lists (not deleted ones), all pages. */
  listStacks(signal?: AbortSignal): Promise<StackDescription[]>
  deleteStack(
    stackId: string,
    opts: { clientRequestToken: string; forceDelete?: boolean },
    signal?: AbortSignal
  ): Promise<void>
  /** Most recent first, at most maxEvents. */
  stackEvents(stackId: string, maxEvents: number, signal?: AbortSignal): Promise<StackEvent[]>
  stackResources(stackId: string, signal?: AbortSignal): Promise<StackResourceSummary[]>
}

export interface StsApi {
  callerIdentity(signal?: AbortSignal): Promise<{ account: string; arn: string }>
}

export interface AwsClients {
  cloudFormation: CloudFormationApi
  sts: StsApi
}

export type AwsClientsFactory = (settings: AwsSettings) => Promise<AwsClients>

/** Throttling from any AWS API (after the SDK's own retries). */
export function isThrottling(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name ?? ''
  return ['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded'].includes(
    name
  )
}

// ---- GitHub: the sticky PR comment, pull requests, the history ledger (adapters/github/)

export interface StickyCommentRequest {
  owner: string
  repo: string
  issueNumber: number
  /** Section id: the job / tier / shard writing. */
  key: string
  /** The section: its blocks as the renderer made them (fitted by structure), or plain markdown. */
  section: CommentSection | string
  /** The comment's name in its title line (default "Serverless test pyramid"). */
  header?: string
  /** 'single': this is the comment's only writer (write once, no settle rounds). Default 'auto'. */
  writers?: 'single' | 'auto'
  /** Link used in "cut to fit" notes (the run's job summary). */
  detailsUrl?: string
}

export interface StickyCommentResult {
  url: string
  action: 'created' | 'updated' | 'unchanged'
}

/** Where the history ledger lives: a branch of the repository. */
export interface LedgerRef {
  owner: string
  repo: string
  branch: string
}

export interface RepoRef {
  owner: string
  repo: string
}

/** Which job of a run attempt: the one in progress on the runner of this name (RUNNER_NAME). */
export interface RunnerJobQuery {
  runId: string
  runAttempt: number
  runnerName: string
}

/** What a pull request says about itself, as GitHub answers it. */
export interface PullFacts {
  number: number
  state: string
  headSha: string
  /** owner/name of the head repository; '' when the fork was deleted. */
  headRepository: string
  baseRepository: string
}

/** The ledger as read; handed back unchanged to appendHistory, which builds on what it read. */
export interface StoredLedger {
  readonly ledger: Ledger
}

/** GitHub as the run's token sees it. Errors carry GitHub's HTTP status (see httpStatus). */
export interface GitHub {
  /** Writes this job's section of the PR's one sticky comment, keeping every other section. */
  upsertComment(req: StickyCommentRequest): Promise<StickyCommentResult>
  /** The pull request; undefined when the repository has no such number. */
  pullRequest(ref: RepoRef, number: number): Promise<PullFacts | undefined>
  /** The job's `runs-on` labels (the runner context has none); needs `actions: read`. */
  runnerJobLabels(ref: RepoRef, q: RunnerJobQuery): Promise<string[] | undefined>
  /** Open pull requests whose head is `owner:branch` (how a fork's branch is named across repositories). */
  openPullRequestsWithHead(ref: RepoRef, head: { owner: string; branch: string }): Promise<PullFacts[]>
  /** The ledger; undefined when there is none yet or it cannot be read (history degrades, never fails). */
  readHistory(ref: LedgerRef): Promise<StoredLedger | undefined>
  /** Appends the run; `seen` (the ledger this run read) is tried first, a conflict re-reads. */
  appendHistory(ref: LedgerRef, record: RunRecord, seen?: StoredLedger): Promise<void>
}

/** HTTP status of an error from the GitHub port (an Octokit RequestError), if it has one. */
export function httpStatus(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}

/** pyramid-comment.json: the data a pull request's run left next to its report for mode publish. */
export interface CommentFiles {
  /** Writes the data next to the report file; returns the path written. */
  write(reportPath: string, json: string): Promise<string>
  /** The file's text in the folder (a regular file, bounded); throws saying what to do. */
  read(workingDirectory: string): Promise<string>
}
