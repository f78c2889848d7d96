/**
 * One integration-lifecycle scenario over real processes: the real Shell with the docker stand-in first on
 * PATH, fetch to a loopback port, a virtual clock (time passes only by the code's own sleeps and the
 * test's advance) and the fakes of test/fakes/ for the Log and the runner's state.
 */
import { createDockerCli } from '../../src/adapters/localstack/docker-cli.js'
import { createHealthClient } from '../../src/adapters/localstack/health-client.js'
import { createShell } from '../../src/adapters/process/shell.js'
import type { Inputs } from '../../src/inputs/types.js'
import type { TierLifecycle } from '../../src/app/tier-lifecycle.js'
import { createIntegrationLifecycle } from '../../src/app/integration/localstack-lifecycle.js'
import { freePort, type StandIns } from '../stand-ins/docker/harness.js'
import { virtualClock, type VirtualClock } from '../fakes/clock.js'
import { recordingLog, type RecordingLog } from '../fakes/log.js'
import { runnerState, type RunnerState } from '../fakes/state.js'
import { integrationInputs } from './fakes.js'

export interface Scenario {
  lifecycle: TierLifecycle
  port: number
  endpoint: string
  log: RecordingLog
  state: RunnerState
  clock: VirtualClock
  /** Everything the Shell echoed (the setup command's output). */
  output(): string
  baseEnv: Record<string, string | undefined>
}

export interface ScenarioOptions {
  inputs?: Partial<Inputs['integration']>
  /** Settings for the stand-ins (their environment). */
  settings?: Record<string, string>
  baseEnv?: Record<string, string | undefined>
  isFork?: boolean
  port?: number
  awsRegion?: string
}

export async function scenario(standIns: StandIns, o: ScenarioOptions = {}): Promise<Scenario> {
  const port = o.port ?? (await freePort())
  const endpoint = `http://127.0.0.1:${port}`
  const log = recordingLog()
  // Each sleep gives 10 real ms to the processes and servers the lifecycle polls.
  const clock = virtualClock({ yieldMs: 10 })
  const state = runnerState(() => standIns.calls().length)
  let echoed = ''
  const shell = createShell((text) => {
    echoed += text
  })
  const baseEnv = { ...standIns.env(o.settings), ...o.baseEnv }
  const lifecycle = createIntegrationLifecycle(
    {
      shell,
      docker: (cwd, env) => createDockerCli(shell, cwd, env),
      health: createHealthClient(),
      clock,
      log,
      state
    },
    {
      integration: integrationInputs({ localstackEndpoint: endpoint, ...o.inputs }),
      workingDirectory: standIns.dir,
      runId: '4242',
      runAttempt: 1,
      isFork: o.isFork ?? false,
      baseEnv,
      ...(o.awsRegion ? { awsRegion: o.awsRegion } : {})
    }
  )
  return { lifecycle, port, endpoint, log, state, clock, output: () => echoed, baseEnv }
}

/** The docker subcommands called, in order (`image inspect` as `image`). */
export function dockerVerbs(standIns: StandIns): string[] {
  return standIns.calls().map((argv) => argv[0] ?? '')
}

/** Resolves once `check` holds, looking every 10 ms (for events in other processes, never for time). */
export async function until(check: () => boolean, what: string, attempts = 3000): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`gave up waiting for ${what}`)
}

/** GET a LocalStack endpoint of the stand-in, as JSON. */
export async function getJson(endpoint: string, path: string): Promise<Record<string, unknown>> {
  return (await (await fetch(endpoint + path)).json()) as Record<string, unknown>
}

/** Invokes a Lambda function on the stand-in (which starts a sibling container for it, as LocalStack does). */
export async function invokeLambda(endpoint: string, fn: string): Promise<void> {
  const response = await fetch(`${endpoint}/2015-03-31/functions/${fn}/invocations`, {
    method: 'POST',
    body: '{}'
  })
  if (!response.ok) throw new Error(`invoke ${fn}: HTTP ${response.status}`)
}
