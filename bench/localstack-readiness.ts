/**
 * Bench: readiness detection latency of the integration tier — from the moment the LocalStack health
 * stand-in binds its port (it writes the time) to the moment the test command starts (it writes the time
 * with `date`), through the real lifecycle: `docker run` via the docker stand-in, health polling and the
 * container watch, the real Shell. Median of 10. Goal: under 300 ms. Prints figures; asserts nothing.
 * Run: npx tsx bench/localstack-readiness.ts (or npm run bench -- localstack-readiness).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { systemClock } from '../src/adapters/clock.js'
import { createDockerCli } from '../src/adapters/localstack/docker-cli.js'
import { createHealthClient } from '../src/adapters/localstack/health-client.js'
import { createShell } from '../src/adapters/process/shell.js'
import { createIntegrationLifecycle } from '../src/app/integration/localstack-lifecycle.js'
import { applyEnvChanges } from '../src/core/env-changes.js'
import type { Log } from '../src/app/ports.js'
import { runnerState } from '../test/fakes/state.js'
import { createStandIns, freePort } from '../test/stand-ins/docker/harness.js'

const GOAL_MS = 300
const START_DELAY_MS = 400

const quietLog: Log = {
  info: () => undefined,
  debug: () => undefined,
  warning: (m) => console.warn(m),
  error: (m) => console.error(m),
  mask: () => undefined,
  group: (_name, fn) => fn()
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** One run; returns [latency from bind to command start, whole setup] in ms. */
async function once(): Promise<{ latencyMs: number; setupMs: number }> {
  const standIns = await createStandIns()
  try {
    const port = await freePort()
    const bound = path.join(standIns.dir, 'bound')
    const started = path.join(standIns.dir, 'started')
    const gate = path.join(standIns.dir, 'loaded')
    const baseEnv = standIns.env({ LOCALSTACK_STANDIN_GATE: gate, LOCALSTACK_STANDIN_BOUND_FILE: bound })
    // The stand-in's gateway listens once the gate exists: LocalStack's start-up, START_DELAY_MS long.
    setTimeout(() => fs.writeFileSync(gate, ''), START_DELAY_MS)
    const shell = createShell(() => undefined)
    const lifecycle = createIntegrationLifecycle(
      {
        shell,
        docker: (cwd, env) => createDockerCli(shell, cwd, env),
        health: createHealthClient(),
        clock: systemClock,
        log: quietLog,
        state: runnerState()
      },
      {
        integration: {
          command: 'date +%s%N > started',
          localstack: 'auto',
          localstackImage: 'localstack/localstack:4.14.0',
          localstackServices: ['dynamodb', 's3'],
          localstackEndpoint: `http://127.0.0.1:${port}`,
          localstackTimeoutSeconds: 30
        },
        workingDirectory: standIns.dir,
        runId: 'bench',
        runAttempt: 1,
        isFork: false,
        baseEnv
      }
    )
    const t0 = Date.now()
    try {
      const setup = await lifecycle.setup(new AbortController().signal)
      if (setup.failure) throw new Error(setup.failure)
      const setupMs = Date.now() - t0
      // What the tier runner does next: start the command with setup's environment.
      await shell.run('date +%s%N > started', { cwd: standIns.dir, env: applyEnvChanges(baseEnv, setup.env) })
      const boundAt = Number(fs.readFileSync(bound, 'utf8'))
      const startedAt = Number(fs.readFileSync(started, 'utf8').trim()) / 1e6
      return { latencyMs: startedAt - boundAt, setupMs }
    } finally {
      await lifecycle.teardown()
    }
  } finally {
    await standIns.cleanup()
  }
}

export async function main(runs = 10): Promise<void> {
  const latencies: number[] = []
  const setups: number[] = []
  for (let i = 0; i < runs; i++) {
    const r = await once()
    latencies.push(r.latencyMs)
    setups.push(r.setupMs)
  }
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ')
  console.log(
    `LocalStack readiness detection: health stand-in binds its port → test command starts (${runs} runs)`
  )
  console.log(`  latency ms: ${fmt(latencies)}`)
  console.log(
    `  median ${median(latencies).toFixed(0)} ms, min ${Math.min(...latencies).toFixed(0)}, max ${Math.max(...latencies).toFixed(0)} ` +
      `(goal < ${GOAL_MS} ms: ${median(latencies) < GOAL_MS ? 'met' : 'NOT met'})`
  )
  console.log(
    `  whole setup (pull check + docker run + ${START_DELAY_MS} ms start-up + ready) median ${median(setups).toFixed(0)} ms`
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
