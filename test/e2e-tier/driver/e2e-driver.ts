/**
 * A small stand-in for the action's main and post around the e2e tier, for the chaos test:
 *   e2e-driver.ts main   → setup (deploy) → the e2e command → teardown (destroy), like the tier runner;
 *                          SIGINT/SIGTERM abort the running phase and call cancel() (DeleteStack at once)
 *   e2e-driver.ts post   → destroyFromState, like the post step
 * Env: SIM_URL (simulator), STATE_FILE, WORK_DIR. Prints "phase: <name>" as it goes.
 * The chaos test can point at the bundled dist/main and dist/post instead (same env, same signals).
 */
import { createAwsClients } from '../../../src/adapters/aws/clients.js'
import { systemClock } from '../../../src/adapters/clock.js'
import { createShell } from '../../../src/adapters/process/shell.js'
import { destroyFromState } from '../../../src/app/e2e/destroy-from-state.js'
import { createE2eLifecycle } from '../../../src/app/e2e/e2e-lifecycle.js'
import type { Log } from '../../../src/app/ports.js'
import { e2eInputs, runContext, STAND_IN } from '../helpers.js'
import { fileState } from './file-state.js'

const env = (name: string): string => {
  const v = process.env[name]
  if (!v) throw new Error(`e2e-driver needs ${name}`)
  return v
}
const log: Log = {
  info: (m) => console.log(m),
  debug: () => undefined,
  warning: (m) => console.log(`warning: ${m}`),
  error: (m) => console.log(`error: ${m}`),
  mask: () => undefined,
  group: (_n, fn) => fn()
}
const mode = process.argv[2]
const deps = {
  clock: systemClock,
  log,
  state: fileState(env('STATE_FILE'), mode === 'post'),
  aws: createAwsClients
}

async function main(): Promise<number> {
  const lifecycle = createE2eLifecycle(
    { ...deps, shell: createShell((t) => process.stdout.write(t)) },
    {
      e2e: e2eInputs({
        deployCommand: `node ${STAND_IN} deploy-command`,
        stackNames: ['api', 'db'],
        awsEndpointUrl: env('SIM_URL'),
        awsRegion: 'us-east-1'
      }),
      workingDirectory: env('WORK_DIR'),
      context: runContext(),
      baseEnv: process.env,
      now: Date.now()
    }
  )
  const abort = new AbortController()
  const onSignal = (sig: string) => {
    console.log(`signal: ${sig}`)
    abort.abort()
    void lifecycle.cancel()
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  console.log('phase: deploy')
  const setup = await lifecycle.setup(abort.signal)
  if (!setup.failure && !abort.signal.aborted) {
    console.log('phase: test')
    await createShell((t) => process.stdout.write(t)).run('sleep 0.5', {
      cwd: env('WORK_DIR'),
      env: process.env,
      signal: abort.signal
    })
  }
  console.log('phase: destroy')
  const teardown = await lifecycle.teardown()
  console.log(`phase: done ${teardown.failure ?? 'ok'}`)
  return teardown.failure ? 1 : 0
}

async function post(): Promise<number> {
  const out = await destroyFromState(deps, { forceDelete: true, timeoutMs: 60_000 })
  console.log(`post: ${JSON.stringify(out)}`)
  return out.failure ? 1 : 0
}

const run = mode === 'main' ? main : mode === 'post' ? post : undefined
if (!run) {
  console.error('usage: e2e-driver.ts main|post')
  process.exit(2)
}
run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(3)
  }
)
