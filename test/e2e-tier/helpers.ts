/** Shared pieces of the e2e-tier tests: paths, credentials for the simulator, run context and inputs. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
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
    costWarningUsdPerHour: 0.1,
    ...overrides
  }
}
