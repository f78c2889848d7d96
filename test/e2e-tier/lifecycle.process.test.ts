/**
 * The e2e lifecycle end to end over loopback: the real CDK CLI (`cdk synth`, then `cdk deploy` of the
 * synthesized assembly, which calls STS, SSM, S3 and CloudFormation change sets) against the simulator,
 * with the real SDK clients; the deploy-command path uses a stand-in deploy script.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createAwsClients } from '../../src/adapters/aws/clients.js'
import { systemClock } from '../../src/adapters/clock.js'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'
import { createShell } from '../../src/adapters/process/shell.js'
import { shippedPriceTable } from '../../src/app/e2e/prices.js'
import { createE2eLifecycle, type E2eOptions } from '../../src/app/e2e/e2e-lifecycle.js'
import { destroyFromState } from '../../src/app/e2e/destroy-from-state.js'
import { WATCH_INTERVAL_MS } from '../../src/app/e2e/stack-watch.js'
import { StateKey } from '../../src/app/state-keys.js'
import type { Inputs } from '../../src/inputs/types.js'
import { recordingLog } from '../fakes/log.js'
import { runnerState } from '../fakes/state.js'
import {
  EXAMPLE_MODULES,
  REAL_CDK,
  ROOT,
  STAND_IN,
  TINY_APP,
  e2eInputs,
  fakeCredentials,
  runContext,
  simulatorPerTest
} from './helpers.js'

const sim = simulatorPerTest({ createMs: 100, deleteMs: 100 })
let work: string
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'e2e-life-'))
})
afterEach(() => {
  rmSync(work, { recursive: true, force: true })
})

function setupLifecycle(e2e: Partial<Inputs['e2e']> = {}, env: Record<string, string> = {}) {
  const out: string[] = []
  const deps = {
    files: fileWorkspace,
    shell: createShell((t) => void out.push(t)),
    clock: systemClock,
    log: recordingLog(),
    state: runnerState(),
    aws: createAwsClients
  }
  const opts: E2eOptions = {
    e2e: e2eInputs({ cdkAppDir: TINY_APP, awsEndpointUrl: sim().url, awsRegion: 'us-east-1', ...e2e }),
    instance: 'root',
    workingDirectory: work,
    context: runContext(),
    baseEnv: {
      ...process.env,
      ...fakeCredentials(),
      TINY_CDK_NODE_MODULES: EXAMPLE_MODULES,
      AWS_ENDPOINT_URL_S3: 'http://localhost:4566',
      ...env
    },
    now: Date.now(),
    prices: shippedPriceTable(),
    cdkCommand: REAL_CDK
  }
  return { deps, out, lifecycle: createE2eLifecycle(deps, opts) }
}

describe('e2e lifecycle (CDK app)', () => {
  it('synthesizes, deploys with our tags merged into the app’s, hands outputs to the command, and destroys', async () => {
    const { deps, lifecycle } = setupLifecycle()
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toBeUndefined()
    const name = 'pyr-4242-1-tiny'
    expect(setup.env).toMatchObject({
      PYRAMID_STACK_PREFIX: 'pyr-4242-1',
      PYRAMID_STACK_NAMES: name,
      PYRAMID_OUTPUT_QueueName: 'tiny-queue',
      AWS_ENDPOINT_URL: sim().url
    })
    expect('AWS_ENDPOINT_URL_S3' in setup.env && setup.env.AWS_ENDPOINT_URL_S3 === undefined).toBe(true)
    expect(setup.env.PYRAMID_STACK_TAGS).toContain('pyramid:run-id=4242')
    expect(JSON.parse(readFileSync(setup.env.PYRAMID_OUTPUTS_FILE ?? '', 'utf8'))).toEqual({
      [name]: { QueueName: 'tiny-queue' }
    })
    expect(setup.facts.account).toBe('********9012')

    const stack = sim().model.find(name)
    expect(stack?.tags).toMatchObject({
      app: 'tiny',
      'pyramid:ephemeral': 'true',
      'pyramid:repository': 'acme/orders'
    })
    expect(JSON.parse(deps.state.values.get(StateKey.StackIds) ?? '')).toEqual({ [name]: stack?.id })

    // Names were saved before the deploy started (the first CreateChangeSet).
    expect(JSON.parse(deps.state.values.get(StateKey.Stacks) ?? '')).toEqual([name])
    const firstCreate = sim().requests.find((r) => r.action === 'CreateChangeSet')?.at ?? 0
    expect(deps.state.firstSeen(StateKey.Stacks)).toBeLessThanOrEqual(firstCreate)
    expect(deps.state.firstSeen(StateKey.StackAws)).toBeLessThanOrEqual(firstCreate)

    const teardown = await lifecycle.teardown()
    expect(teardown.failure).toBeUndefined()
    expect(sim().model.live()).toHaveLength(0)
    expect(deps.state.values.get(StateKey.StacksDestroyed)).toBe('true')
    const report = lifecycle.report()
    expect(report.stacks).toMatchObject({
      region: 'us-east-1',
      accountMasked: '********9012',
      stacks: [{ name, finalStatus: 'DELETE_COMPLETE' }],
      unconfirmed: []
    })
    // A queue is priced by requests: a usage-priced line with its unit price, no amount.
    expect(report.costLines).toEqual([
      {
        kind: 'usage-priced',
        tier: 'e2e',
        item: 'AWS::SQS::Queue × 1',
        unitPrice: '$0.40 per 1M requests (us-east-1 price of 2026-01-15)'
      }
    ])

    // post does nothing once main confirmed
    const post = await destroyFromState({ ...deps, state: deps.state.post() })
    expect(post).toEqual({ report: undefined })
  })

  it('deploys and destroys the example app (examples/orders-service, with Lambda assets) through the real CLI', async () => {
    const { lifecycle } = setupLifecycle({ cdkAppDir: path.join(ROOT, 'examples/orders-service') })
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toBeUndefined()
    expect(setup.env.PYRAMID_STACK_NAMES).toBe('pyr-4242-1-orders')
    expect(Object.keys(setup.env)).toEqual(
      expect.arrayContaining(['PYRAMID_OUTPUT_ApiUrl', 'PYRAMID_OUTPUT_TableName'])
    )
    expect(
      sim()
        .model.find('pyr-4242-1-orders')
        ?.resources.map((r) => r.type)
    ).toContain('AWS::Lambda::Function')
    expect((await lifecycle.teardown()).failure).toBeUndefined()
    expect(sim().model.live()).toHaveLength(0)
  })

  it('a deploy that fails halfway reports the failed resource and its reason, and ends with nothing left', async () => {
    const { lifecycle } = setupLifecycle({}, { TINY_FAIL: 'create' })
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toMatch(/pyr-4242-1-tiny is ROLLBACK_COMPLETE/)
    expect(setup.failure).toMatch(
      /pyr-4242-1-tiny\/Queue \(AWS::SQS::Queue\) CREATE_FAILED: .*Simulated create failure/
    )
    const teardown = await lifecycle.teardown()
    expect(teardown.failure).toBeUndefined()
    expect(sim().model.live()).toHaveLength(0)
    expect(lifecycle.report().stacks?.failedResources).toEqual([
      expect.objectContaining({ logicalId: 'Queue', status: 'CREATE_FAILED' })
    ])
  })

  it('refuses stacks without the run prefix before touching AWS', async () => {
    const { deps, lifecycle } = setupLifecycle({}, { TINY_STACK_NAME: 'orders' })
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toMatch(
      /Refusing to deploy: stack\(s\) orders do not start with the run prefix "pyr-4242-1"/
    )
    expect(sim().requests.some((r) => r.action === 'CreateChangeSet')).toBe(false)
    expect(deps.state.values.get(StateKey.Stacks)).toBeUndefined()
  })

  it('refuses a same-named stack it did not create, which survives teardown and post untouched', async () => {
    const foreign = await sim().seed(
      'pyr-4242-1-tiny',
      { Resources: { Q: { Type: 'AWS::SQS::Queue' } } },
      { owner: 'someone-else' }
    )
    const { deps, lifecycle } = setupLifecycle()
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toMatch(/already exists .* not ours/)
    await lifecycle.teardown()
    await destroyFromState({ ...deps, state: deps.state.post() })
    expect(foreign.status).toBe('CREATE_COMPLETE')
    expect(sim().requests.some((r) => r.action === 'DeleteStack')).toBe(false)
  })

  it('refuses a forbidden account before synth', async () => {
    const { lifecycle } = setupLifecycle({ forbiddenAccountIds: ['123456789012'] })
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toMatch(/\*{8}9012 is listed in forbidden-account-ids/)
    expect(setup.phases.map((p) => p.name)).toEqual(['preflight'])
  })
})

describe('e2e lifecycle (deploy-command)', () => {
  const cmd = `node ${STAND_IN} deploy-command`

  it('names stacks <prefix>-<name>, applies PYRAMID_STACK_TAGS, takes outputs from DescribeStacks', async () => {
    const { lifecycle } = setupLifecycle({ deployCommand: cmd, stackNames: ['api', 'db'] })
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toBeUndefined()
    expect(setup.env.PYRAMID_STACK_NAMES).toBe('pyr-4242-1-api,pyr-4242-1-db')
    expect(setup.env.PYRAMID_OUTPUT_ApiUrl).toBe('http://api.example.test')
    expect(setup.notes.filter((n) => /lacks the tag/.test(n.text))).toEqual([])
    await lifecycle.teardown()
    expect(sim().model.live()).toHaveLength(0)
    const lines = lifecycle.report().costLines
    // Two NAT gateways (one per stack), up for less than an hour: 2 × 1 started hour × $0.045 = $0.09.
    expect(lines.find((l) => l.item === 'AWS::EC2::NatGateway × 2')).toMatchObject({
      kind: 'metered',
      usd: 0.09
    })
  })

  it('a deploy command that exits non-zero after every stack deployed counts as deployed (aws-cdk-cli#1777)', async () => {
    const { lifecycle } = setupLifecycle({ deployCommand: `${cmd}; exit 1`, stackNames: ['api'] })
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toBeUndefined()
    expect(setup.notes.map((n) => n.text).join('\n')).toMatch(
      /exited 1, but every stack is deployed.*aws-cdk-cli#1777/
    )
    await lifecycle.teardown()
    expect(sim().model.live()).toHaveLength(0)
  })

  it('a deploy command that ignores PYRAMID_STACK_TAGS gets a warning, and its stack is still destroyed', async () => {
    const { lifecycle } = setupLifecycle({ deployCommand: `PYRAMID_STACK_TAGS= ${cmd}`, stackNames: ['api'] })
    const setup = await lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toBeUndefined()
    expect(setup.notes.map((n) => n.text).join('\n')).toMatch(
      /lacks the tag\(s\) pyramid:ephemeral.*PYRAMID_STACK_TAGS/
    )
    expect((await lifecycle.teardown()).failure).toBeUndefined()
    expect(sim().model.live()).toHaveLength(0)
  })

  it('a stack cancelled in REVIEW_IN_PROGRESS before its StackId was seen: reported with its StackId as created, then deleted', async () => {
    const { deps, lifecycle } = setupLifecycle({
      deployCommand: `node ${STAND_IN} change-set`,
      stackNames: ['api']
    })
    // The deploy's StackId watch looks once, before the change set exists, and then not again until the
    // deploy ends: the cancel has to find the stack by name (a clock whose watch interval never elapses).
    deps.clock = {
      ...systemClock,
      sleep: (ms, signal) =>
        ms === WATCH_INTERVAL_MS
          ? new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()))
          : systemClock.sleep(ms, signal)
    }
    const abort = new AbortController()
    const setupDone = lifecycle.setup(abort.signal)
    const until = Date.now() + 30_000
    while (sim().model.stacks.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    const stack = sim().model.stacks[0]!
    expect(stack.status).toBe('REVIEW_IN_PROGRESS')
    expect(deps.state.values.get(StateKey.StackIds)).toBeUndefined()
    // The cancel's DeleteStack lands before the deploy process has ended (it takes a while to die).
    await lifecycle.cancel()
    expect(JSON.parse(deps.state.values.get(StateKey.StackIds)!)).toEqual({ 'pyr-4242-1-api': stack.id })
    while (stack.status !== 'DELETE_COMPLETE' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20))
    abort.abort()
    const setup = await setupDone
    expect(setup.failure).toContain(`pyr-4242-1-api (${stack.id}) was created, then deleted by the cancel`)
    expect(setup.failure).not.toMatch(/not created/)
    await lifecycle.teardown()
    expect(lifecycle.report().stacks?.stacks).toEqual([
      expect.objectContaining({ name: 'pyr-4242-1-api', stackId: stack.id, finalStatus: 'DELETE_COMPLETE' })
    ])
    expect(sim().model.live()).toHaveLength(0)
  })

  it('cancel issues DeleteStack for every recorded stack and returns without waiting for the delete; post confirms', async () => {
    sim().behave(/^pyr-4242-1-/, { createMs: 4000, deleteMs: 1500 })
    const { deps, lifecycle } = setupLifecycle({ deployCommand: cmd, stackNames: ['api'] })
    const abort = new AbortController()
    const setupDone = lifecycle.setup(abort.signal)
    const until = Date.now() + 20_000
    while (!deps.state.values.get(StateKey.StackIds) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50))
    abort.abort()
    await lifecycle.cancel()
    // The delete takes 1.5 s in the simulator: a cancel that waited for it would find it complete.
    expect(sim().requests.filter((r) => r.action === 'DeleteStack')).toHaveLength(1)
    expect(sim().model.stacks[0]?.status).toBe('DELETE_IN_PROGRESS')
    const setup = await setupDone
    expect(setup.failure).toMatch(/cancelled/)
    const post = await destroyFromState({ ...deps, state: deps.state.post() })
    expect(post.failure).toBeUndefined()
    expect(post.report?.stacks).toEqual([
      expect.objectContaining({ name: 'pyr-4242-1-api', finalStatus: 'DELETE_COMPLETE' })
    ])
    expect(sim().model.live()).toHaveLength(0)
  })
})
