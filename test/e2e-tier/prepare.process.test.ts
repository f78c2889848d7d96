/**
 * The e2e lifecycle's prepare phases against the CloudFormation simulator: `free` checks the account and
 * selects the stacks (synth and the ownership checks for CDK) and creates nothing; `full` deploys too,
 * with the names in state before the deploy; a preparation torn down without its tests destroys what it
 * deployed and says what that cost; setup after a preparation does only what is left.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createAwsClients } from '../../src/adapters/aws/clients.js'
import { systemClock } from '../../src/adapters/clock.js'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'
import { createShell } from '../../src/adapters/process/shell.js'
import { createE2eLifecycle } from '../../src/app/e2e/e2e-lifecycle.js'
import { shippedPriceTable } from '../../src/app/e2e/prices.js'
import { destroyFromState } from '../../src/app/e2e/destroy-from-state.js'
import { StateKey } from '../../src/app/state-keys.js'
import type { Inputs } from '../../src/inputs/types.js'
import {
  EXAMPLE_MODULES,
  REAL_CDK,
  STAND_IN,
  TINY_APP,
  e2eInputs,
  fakeCredentials,
  runContext,
  simulatorPerTest
} from './helpers.js'
import { recordingLog } from '../fakes/log.js'
import { runnerState } from '../fakes/state.js'

const sim = simulatorPerTest({ createMs: 100, deleteMs: 100 })
let work: string
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'e2e-prep-'))
})
afterEach(() => {
  rmSync(work, { recursive: true, force: true })
})

function lifecycle(e2e: Partial<Inputs['e2e']>) {
  const deps = {
    files: fileWorkspace,
    shell: createShell(() => undefined),
    clock: systemClock,
    log: recordingLog(),
    state: runnerState(),
    aws: createAwsClients
  }
  const l = createE2eLifecycle(deps, {
    e2e: e2eInputs({ awsEndpointUrl: sim().url, awsRegion: 'us-east-1', ...e2e }),
    instance: 'root',
    workingDirectory: work,
    context: runContext(),
    baseEnv: { ...process.env, ...fakeCredentials(), TINY_CDK_NODE_MODULES: EXAMPLE_MODULES },
    now: Date.now(),
    cdkCommand: REAL_CDK,
    prices: shippedPriceTable()
  })
  return { deps, lifecycle: l }
}

const signal = () => new AbortController().signal
const writes = () =>
  sim()
    .requests.filter((r) => /^(Create|Execute|Update|Delete)/.test(r.action))
    .map((r) => r.action)

describe('e2e prepare: free', () => {
  it('CDK: checks the account, synthesizes and checks ownership, and creates nothing; setup then deploys', async () => {
    const { deps, lifecycle: l } = lifecycle({ cdkAppDir: TINY_APP })
    const prepared = await l.prepare!('free', signal())
    expect(prepared.failure).toBeUndefined()
    expect(prepared.phases.map((p) => p.name)).toEqual(['preflight', 'synth'])
    expect(prepared.facts).toMatchObject({ account: '********9012', stacks: 'pyr-4242-1-tiny' })
    expect(writes()).toEqual([])
    expect(deps.state.values.has(StateKey.Stacks)).toBe(false)
    // The ownership check looked for a same-named stack.
    expect(sim().requests.some((r) => r.action === 'DescribeStacks')).toBe(true)

    const setup = await l.setup(signal())
    expect(setup.failure).toBeUndefined()
    expect(setup.phases.map((p) => p.name)).toEqual(['deploy'])
    expect(setup.env.PYRAMID_STACK_NAMES).toBe('pyr-4242-1-tiny')
    expect(
      sim()
        .model.live()
        .map((s) => s.name)
    ).toEqual(['pyr-4242-1-tiny'])
    expect((await l.teardown()).failure).toBeUndefined()
    expect(sim().model.live()).toHaveLength(0)
  })

  it('a refused account stops the preparation before synth, and setup is never reached', async () => {
    const { lifecycle: l } = lifecycle({ cdkAppDir: TINY_APP, allowedAccountIds: ['111111111111'] })
    const prepared = await l.prepare!('free', signal())
    expect(prepared.failure).toMatch(/not in allowed-account-ids/)
    expect(prepared.phases.map((p) => p.name)).toEqual(['preflight'])
    expect(writes()).toEqual([])
  })
})

describe('e2e prepare: full (eager)', () => {
  const cmd = `node ${STAND_IN} deploy-command`

  it('deploys ahead with the names in state first; setup only hands the outputs to the command', async () => {
    const { deps, lifecycle: l } = lifecycle({ deployCommand: cmd, stackNames: ['api'] })
    const prepared = await l.prepare!('full', signal())
    expect(prepared.failure).toBeUndefined()
    expect(prepared.phases.map((p) => p.name)).toEqual(['preflight', 'deploy'])
    const firstCreate = sim().requests.find((r) => r.action === 'CreateStack')?.at ?? 0
    expect(deps.state.firstSeen(StateKey.Stacks)).toBeLessThanOrEqual(firstCreate)
    const setup = await l.setup(signal())
    expect(setup.phases).toEqual([])
    expect(setup.env.PYRAMID_OUTPUT_ApiUrl).toBe('http://api.example.test')
    expect(writes().filter((a) => a === 'CreateStack')).toHaveLength(1)
    await l.teardown()
    expect(sim().model.live()).toHaveLength(0)
  })

  it('torn down without its tests: destroyed, and the report says it was deployed ahead and what it cost', async () => {
    const { deps, lifecycle: l } = lifecycle({ deployCommand: cmd, stackNames: ['api'] })
    expect((await l.prepare!('full', signal())).failure).toBeUndefined()
    const down = await l.teardown()
    expect(down.failure).toBeUndefined()
    expect(sim().model.live()).toHaveLength(0)
    expect(down.notes.map((n) => n.text).join('\n')).toMatch(
      /deployed ahead of their turn \(prepare: eager\) and destroyed without being tested: they lived [\d.]+ (ms|s), an estimated \$[\d.]+ of AWS resources/
    )
    expect(l.report().costLines.map((c) => c.item)).toContain('AWS::EC2::NatGateway × 1')
    expect(await destroyFromState({ ...deps, state: deps.state.post() })).toEqual({ report: undefined })
  })

  it('a deploy stopped by its signal (a lower tier failed) still leaves everything to teardown', async () => {
    sim().behave(/^pyr-4242-1-/, { createMs: 5000, deleteMs: 200 })
    const { deps, lifecycle: l } = lifecycle({ deployCommand: cmd, stackNames: ['api'] })
    const stop = new AbortController()
    const preparing = l.prepare!('full', stop.signal)
    const until = Date.now() + 20_000
    while (!deps.state.values.get(StateKey.StackIds) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50))
    stop.abort()
    expect((await preparing).failure).toMatch(/the deploy was cancelled/)
    expect((await l.teardown()).failure).toBeUndefined()
    expect(sim().model.live()).toHaveLength(0)
  })
})
