/**
 * A simulated GitHub runner for process-level tests: runs a bundled entry (dist/main, dist/post) as a
 * real Node process with the runner's protocol — INPUT_* variables, GITHUB_* variables, and the
 * GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files — and hands saved state to the post step as
 * STATE_* variables, as the runner does.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const REPO_ROOT = path.resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..')

export interface StepResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  /** Workflow commands of kind error/warning/notice, parsed from stdout. */
  annotations: { kind: string; props: Record<string, string>; message: string }[]
}

export interface RunnerJob {
  dir: string
  workspace: string
  env: Record<string, string>
  /** State saved by earlier steps of this action, handed to later ones. */
  state: Record<string, string>
}

export function newJob(opts: { event: string; payload: object; env?: Record<string, string> }): RunnerJob {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-job-'))
  const workspace = path.join(dir, 'workspace')
  const eventPath = path.join(dir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(opts.payload))
  mkdirSync(workspace, { recursive: true })
  return {
    dir,
    workspace,
    state: {},
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: opts.event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo-org/orders',
      GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_JOB: 'test',
      GITHUB_WORKFLOW: 'ci',
      GITHUB_WORKSPACE: workspace,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_TEMP: path.join(dir, 'temp'),
      ...opts.env
    }
  }
}

export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])
  )
}

/** Parses a GITHUB_OUTPUT / GITHUB_STATE file: `name=value` lines and `name<<DELIM ... DELIM` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const body: string[] = []
      for (i++; i < lines.length && lines[i] !== delim; i++) body.push(lines[i]!)
      out[name!] = body.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      out[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return out
}

export function parseAnnotations(stdout: string): StepResult['annotations'] {
  const out: StepResult['annotations'] = []
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!m) continue
    const props: Record<string, string> = {}
    for (const kv of (m[2] ?? '').trim().split(',').filter(Boolean)) {
      const at = kv.indexOf('=')
      props[kv.slice(0, at)] = decodeURIComponent(
        kv
          .slice(at + 1)
          .replace(/%2C/g, ',')
          .replace(/%3A/g, ':')
      )
    }
    out.push({
      kind: m[1]!,
      props,
      message: m[3]!.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
    })
  }
  return out
}

export interface StepOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  /** Called with the child once it started (to send signals). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void
  timeoutMs?: number
}

/** Runs dist/<entry>/index.js as a step of the job and collects what the runner would see. */
export async function runStep(
  job: RunnerJob,
  entry: 'main' | 'post',
  opts: StepOptions
): Promise<StepResult> {
  const files = {
    GITHUB_OUTPUT: path.join(job.dir, `output-${entry}-${Date.now()}`),
    GITHUB_STATE: path.join(job.dir, `state-${entry}-${Date.now()}`),
    GITHUB_STEP_SUMMARY: path.join(job.dir, `summary-${entry}-${Date.now()}`)
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const stateEnv = Object.fromEntries(Object.entries(job.state).map(([k, v]) => [`STATE_${k}`, v]))
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', entry, 'index.js')], {
    cwd: job.workspace,
    env: { ...job.env, ...files, ...stateEnv, ...inputEnv(opts.inputs), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  opts.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig]))
  )
  clearTimeout(timer)
  const state = parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8'))
  Object.assign(job.state, state)
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state,
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    annotations: parseAnnotations(stdout)
  }
}
