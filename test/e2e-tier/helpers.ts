/** Shared pieces of the e2e-tier tests: paths, credentials for the simulator, run context and inputs. */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunContext } from '../../src/core/context.js'
import type { Inputs } from '../../src/inputs/types.js'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const STAND_IN = path.join(ROOT, 'test/stand-ins/cloudformation/deploy-stand-in.mjs')
export const TINY_APP = path.join(ROOT, 'test/e2e-tier/fixtures/tiny-app')
export const EXAMPLE_MODULES = path.join(ROOT, 'examples/orders-service/node_modules')
export const REAL_CDK = path.join(EXAMPLE_MODULES, '.bin/cdk')

/** The SDK needs some credentials; the simulator accepts any. */
export function fakeCredentials(): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' }
}

/**
 * A fresh CloudFormation simulator for every test of the file (closed after each, with the endpoint
 * variables a test may have set), and credentials it accepts in the environment while the file runs.
 * Call at the top level; read with `sim()`.
 */
export function simulatorPerTest(opts: { createMs: number; deleteMs: number }): () => Simulator {
  const savedEnv = { ...process.env }
  let current: Simulator | undefined
  beforeAll(() => {
    Object.assign(process.env, fakeCredentials())
  })
  afterAll(() => {
    process.env = savedEnv
  })
  beforeEach(async () => {
    current = await startSimulator(opts)
  })
  afterEach(async () => {
    delete process.env.AWS_ENDPOINT_URL
    delete process.env.AWS_ENDPOINT_URL_CLOUDFORMATION
    await current?.close()
    current = undefined
  })
  return () => {
    if (current === undefined) throw new Error('the simulator exists only while a test runs')
    return current
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
    stacks: 'deploy',
    destroyTimeoutMinutes: 1,
    forceDelete: true,
    costWarningUsdPerHour: 0.1,
    ...overrides
  }
}
