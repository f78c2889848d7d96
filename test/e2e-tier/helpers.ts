/** Shared pieces of the e2e-tier tests: a recording Log, a memory StateStore, run context and inputs. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Log, StateStore } from '../../src/app/ports.js'
import type { RunContext } from '../../src/core/context.js'
import type { Inputs } from '../../src/inputs/types.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const STAND_IN = path.join(ROOT, 'test/stand-ins/cloudformation/deploy-stand-in.mjs')
export const TINY_APP = path.join(ROOT, 'test/e2e-tier/fixtures/tiny-app')
export const EXAMPLE_MODULES = path.join(ROOT, 'examples/orders-service/node_modules')
export const REAL_CDK = path.join(EXAMPLE_MODULES, '.bin/cdk')

/** The SDK needs some credentials; the simulator accepts any. */
export function fakeCredentials(): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' }
}

export interface RecordingLog extends Log {
  lines: string[]
}

export function recordingLog(): RecordingLog {
  const lines: string[] = []
  return {
    lines,
    info: (m) => void lines.push(`info: ${m}`),
    debug: (m) => void lines.push(`debug: ${m}`),
    warning: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    mask: () => undefined,
    group: (_name, fn) => fn()
  }
}

/**
 * State as the runner keeps it: what main saves is NOT readable by main (core.getState reads STATE_*
 * variables that only post gets); post() is the post step's view of everything saved.
 */
export function memoryState(): StateStore & {
  values: Map<string, string>
  firstSavedAt: Map<string, number>
  post(): StateStore
} {
  const values = new Map<string, string>()
  const firstSavedAt = new Map<string, number>()
  const post = (): StateStore => {
    const snapshot = new Map(values)
    return { save: (k, v) => void values.set(k, v), get: (k) => snapshot.get(k) ?? '' }
  }
  return {
    values,
    firstSavedAt,
    post,
    save: (k, v) => {
      if (!firstSavedAt.has(k)) firstSavedAt.set(k, Date.now())
      values.set(k, v)
    },
    get: () => ''
  }
}

export function runContext(overrides: Partial<RunContext> = {}): RunContext {
  return {
    eventName: 'workflow_dispatch',
    payload: {},
    repository: 'acme/orders',
    sha: 'abc123',
    ref: 'refs/heads/main',
    runId: '4242',
    runAttempt: 1,
    serverUrl: 'https://github.example',
    job: 'e2e',
    workflow: 'ci',
    runnerOs: 'Linux',
    runnerArch: 'X64',
    ...overrides
  }
}

export function e2eInputs(overrides: Partial<Inputs['e2e']> = {}): Inputs['e2e'] {
  return {
    command: 'true',
    cdkAppDir: '.',
    cdkStacks: [],
    stackNames: [],
    allowedAccountIds: [],
    forbiddenAccountIds: [],
    stackPrefix: 'pyr',
    stackTtlMinutes: 180,
    destroyTimeoutMinutes: 1,
    forceDelete: true,
    ...overrides
  }
}
