/**
 * The edges of the product, as interfaces. The core never touches processes, files, GitHub or AWS; the
 * app layer talks to them only through these ports, created in one place (wiring) and passed in.
 * Tests pass fakes of these interfaces, or the real adapters over real processes and loopback servers.
 */
import type { ParsedReport } from '../core/results/model.js'

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

/** The action's saved state (GITHUB_STATE), handed from main to post. */
export interface StateStore {
  save(key: string, value: string): void
  get(key: string): string
}

export interface Outputs {
  set(name: string, value: string): void
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
  writeFile(path: string, content: string): Promise<void>
}
