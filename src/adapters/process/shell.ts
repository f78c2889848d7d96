/**
 * Runs command lines through bash in their own process group, streams output line by line, and passes
 * cancellation to the whole tree: on abort the group gets SIGTERM, then SIGKILL after a grace period
 * (the runner itself kills us 10 s after a cancel, so the grace period stays well inside that).
 */
import { spawn } from 'node:child_process'
import type { Shell, ShellResult, ShellRunOptions } from '../../app/ports.js'

const TAIL_LINES = 50
export const KILL_GRACE_MS = 3000

export function createShell(write: (text: string) => void = (t) => process.stdout.write(t)): Shell {
  return {
    run: (command, opts) => runShell(command, opts, write)
  }
}

function runShell(
  command: string,
  opts: ShellRunOptions,
  write: (text: string) => void
): Promise<ShellResult> {
  const started = Date.now()
  const tail: string[] = []
  const windows = process.platform === 'win32'
  const child = spawn(windows ? command : 'bash', windows ? [] : ['-c', command], {
    cwd: opts.cwd,
    env: definedOnly(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !windows,
    shell: windows
  })

  const echo = opts.echo ?? true
  const onLine = (line: string, stream: 'stdout' | 'stderr') => {
    tail.push(line)
    if (tail.length > TAIL_LINES) tail.shift()
    if (echo) write(line + '\n')
    opts.onLine?.(line, stream)
  }
  splitLines(child.stdout, (l) => onLine(l, 'stdout'))
  splitLines(child.stderr, (l) => onLine(l, 'stderr'))

  let killTimer: NodeJS.Timeout | undefined
  const terminate = () => {
    signalTree(child.pid, 'SIGTERM')
    killTimer = setTimeout(() => signalTree(child.pid, 'SIGKILL'), KILL_GRACE_MS)
    killTimer.unref()
  }
  if (opts.signal?.aborted) terminate()
  else opts.signal?.addEventListener('abort', terminate, { once: true })

  return new Promise<ShellResult>((resolve) => {
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      opts.signal?.removeEventListener('abort', terminate)
      if (killTimer) clearTimeout(killTimer)
      resolve({
        exitCode,
        ...(signal ? { signal } : {}),
        durationMs: Date.now() - started,
        tail
      })
    }
    child.on('error', (err) => {
      tail.push(`failed to start: ${err.message}`)
      finish(127, null)
    })
    child.on('close', finish)
  })
}

function signalTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    if (process.platform === 'win32') process.kill(pid, signal)
    else process.kill(-pid, signal)
  } catch (err) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
  }
}

function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffered += chunk
    let nl: number
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl).replace(/\r$/, ''))
      buffered = buffered.slice(nl + 1)
    }
  })
  stream.on('end', () => {
    if (buffered) onLine(buffered)
  })
}

function definedOnly(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v
  return out
}
