/**
 * The fast project's rule, enforced: a fast test runs in this process. Starting a process or opening a
 * socket (a server, a request, even to loopback) throws, naming the rule: such a test is named
 * `*.process.test.ts` and runs in the process project. The process project's setup (processes-allowed.ts)
 * puts the real functions back, since both projects share Jest's workers.
 */
import net from 'node:net'
import { createRequire, syncBuiltinESMExports } from 'node:module'

// Required, not imported: an import here would fix the test file's own imports of child_process to the
// functions as they were before this file replaced them.
const childProcess = createRequire(import.meta.url)(
  'node:child_process'
) as typeof import('node:child_process')
/** Kept on the core module itself: each test file has its own globals, but the worker has one child_process. */
const REAL = Symbol.for('serverless-test-pyramid.real-functions')
type Saved = { target: Record<string, unknown>; name: string; fn: unknown }[]
const registry = childProcess as unknown as Record<symbol, Saved | undefined>

function refuse(what: string): never {
  throw new Error(
    `${what} in a fast test: fast tests run in-process. Name the test file *.process.test.ts to run it in the process project (see the README's Development section).`
  )
}

const guarded: [Record<string, unknown>, string, string][] = [
  ...['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'].map(
    (name): [Record<string, unknown>, string, string] => [
      childProcess as unknown as Record<string, unknown>,
      name,
      `child_process.${name}`
    ]
  ),
  [net.Server.prototype as unknown as Record<string, unknown>, 'listen', 'starting a server'],
  [net.Socket.prototype as unknown as Record<string, unknown>, 'connect', 'opening a socket']
]

const saved = (registry[REAL] ??= guarded.map(([target, name]) => ({ target, name, fn: target[name] })))
for (const [target, name, what] of guarded) {
  if (saved.some((s) => s.target === target && s.name === name)) target[name] = () => refuse(what)
}
syncBuiltinESMExports()
