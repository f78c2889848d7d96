/**
 * One integration-lifecycle scenario over real processes: the real Shell with the docker stand-in first on
 * PATH, the real clock, fetch to a loopback port, and our recording fakes for Log and StateStore.
 */
import { systemClock } from '../../src/adapters/clock.js'
import { createShell } from '../../src/adapters/process/shell.js'
import type { Inputs } from '../../src/inputs/types.js'
import type { TierLifecycle } from '../../src/app/tier-lifecycle.js'
import { createIntegrationLifecycle } from '../../src/app/integration/localstack-lifecycle.js'
import { freePort, type StandIns } from '../stand-ins/docker/harness.js'
import { integrationInputs, memoryState, recordingLog, type MemoryState, type RecordingLog } from './fakes.js'

export interface Scenario {
  lifecycle: TierLifecycle
  port: number
  endpoint: string
  log: RecordingLog
  state: MemoryState
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
  const state = memoryState(() => standIns.calls().length)
  let echoed = ''
  const shell = createShell((text) => {
    echoed += text
  })
  const baseEnv = { ...standIns.env(o.settings), ...o.baseEnv }
  const lifecycle = createIntegrationLifecycle(
    { shell, clock: systemClock, log, state },
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
  return { lifecycle, port, endpoint, log, state, output: () => echoed, baseEnv }
}

/** The docker subcommands called, in order (`image inspect` as `image`). */
export function dockerVerbs(standIns: StandIns): string[] {
  return standIns.calls().map((argv) => argv[0] ?? '')
}
