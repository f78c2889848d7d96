/**
 * moto's server (`python -m moto.server`), an AWS emulator we did not write, on a free port chosen at
 * start (port 0; the port is read from what the server prints). Its URL names the host `localhost`:
 * moto's CloudFormation reads a path-style template URL only on that host (FACTS.md, moto section).
 */
import { spawn, type ChildProcess } from 'node:child_process'

export interface MotoServer {
  url: string
  close: () => Promise<void>
}

export async function startMoto(python: string, timeoutMs = 60_000): Promise<MotoServer> {
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let seen = ''
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`moto did not start in ${timeoutMs} ms:\n${seen}`)),
      timeoutMs
    )
    const read = (d: Buffer) => {
      seen += d.toString()
      const m = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`moto exited ${code} before it answered:\n${seen}`))
    })
  })
  const url = `http://localhost:${port}`
  const res = await fetch(`${url}/moto-api/`)
  if (!res.ok) throw new Error(`moto at ${url} answers /moto-api/ with ${res.status}`)
  return { url, close: () => stop(child) }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.on('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
