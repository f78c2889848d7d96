/**
 * Test harness around the `docker` and LocalStack stand-ins: a temp folder for their state, the env that
 * puts the docker stand-in first on PATH, the recorded docker calls, health stand-ins started directly
 * (for "already running" and "external"), and cleanup that kills every process the stand-ins spawned.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const HEALTH_SERVER = path.resolve(here, '../localstack/health-server.mjs')

export interface StandInContainer {
  id: string
  name: string
  image: string
  pid: number
  status: string
  exitCode: number
}

export interface StandIns {
  dir: string
  /** The environment for the Shell: the docker stand-in first on PATH, its state folder, and `settings`. */
  env(settings?: Record<string, string>): Record<string, string | undefined>
  /** Every docker call so far, as argv arrays. */
  calls(): string[][]
  /** Raw text of the calls file (to check that no secret appears). */
  callsText(): string
  /** Starts a health stand-in on 127.0.0.1:port and resolves once it answers. */
  startHealthServer(port: number, settings?: Record<string, string>): Promise<void>
  /** Starts `node <args>` (a server that will listen on 127.0.0.1:port), killed at cleanup. */
  startServer(args: string[], port: number, env?: Record<string, string>): Promise<void>
  /** Containers the docker stand-in knows (created and not removed), in any state. */
  containers(): StandInContainer[]
  /** Anonymous volumes left on the engine (a LocalStack container removed without --volumes leaves one). */
  volumes(): string[]
  /** The docker calls LocalStack itself made (for its Lambda containers), as argv arrays. */
  localstackCalls(): string[][]
  cleanup(): Promise<void>
}

export async function createStandIns(): Promise<StandIns> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyramid-docker-'))
  const callsFile = path.join(dir, 'calls.jsonl')
  const direct: number[] = []
  const containers = () => {
    const folder = path.join(dir, 'containers')
    if (!fs.existsSync(folder)) return []
    return fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => readContainer(path.join(folder, f)))
  }
  async function startServer(args: string[], port: number, env: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH, ...env },
      stdio: 'ignore',
      detached: true
    })
    child.unref()
    if (child.pid !== undefined) direct.push(child.pid)
    await waitForPort(port, 10_000)
  }
  return {
    dir,
    env: (settings = {}) => ({
      PATH: `${here}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: process.env.HOME,
      DOCKER_STANDIN_DIR: dir,
      DOCKER_STANDIN_LOG: callsFile,
      ...settings
    }),
    calls: () => readCalls(callsFile),
    callsText: () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8') : ''),
    startServer,
    startHealthServer: (port, settings = {}) =>
      startServer([HEALTH_SERVER], port, { LOCALSTACK_STANDIN_PORT: String(port), ...settings }),
    containers,
    volumes: () =>
      fs.existsSync(path.join(dir, 'volumes')) ? fs.readdirSync(path.join(dir, 'volumes')) : [],
    localstackCalls: () => readCalls(path.join(dir, 'localstack-docker-calls.jsonl')),
    async cleanup() {
      const pids = [...direct, ...containers().map((c) => c.pid)].filter((p) => p > 0)
      for (const pid of pids) kill(pid)
      await Promise.all(pids.map((pid) => waitGone(pid, 5000)))
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
    }
  }
}

/** A container's file (the stand-in writes each whole, by rename); one removed since the listing is no container. */
function readContainer(file: string): StandInContainer[] {
  try {
    return [JSON.parse(fs.readFileSync(file, 'utf8')) as StandInContainer]
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

function readCalls(file: string): string[][] {
  if (!fs.existsSync(file)) return []
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[])
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function waitGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() > deadline)
      throw new Error(`stand-in process ${pid} still runs ${timeoutMs} ms after SIGKILL`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A port nobody listens on (bound to 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port })
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
