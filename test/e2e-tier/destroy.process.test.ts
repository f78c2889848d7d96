/**
 * destroy() against the CloudFormation simulator over real HTTP with the real SDK clients, both on one
 * virtual clock (test/fakes/clock.ts), so polls, backoffs and deadlines are exact: every stack
 * state a delete can meet (in progress, REVIEW_IN_PROGRESS, DELETE_FAILED, an export in use, gone),
 * injected Throttling, slow deletes, ownership.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { AwsClients } from '../../src/app/ports.js'
import { createAwsClients } from '../../src/adapters/aws/clients.js'
import { destroyStack, destroyStacks, type DestroyOptions } from '../../src/app/e2e/destroy.js'
import { stackTags } from '../../src/core/stacks/tags.js'
import { virtualClock, type VirtualClock } from '../fakes/clock.js'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { recordingLog } from '../fakes/log.js'
import { fakeCredentials, runContext } from './helpers.js'

const TEMPLATE = {
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket' },
    Fn: { Type: 'AWS::Lambda::Function' },
    Logs: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain' }
  }
}
const ctx = runContext()
const TAGS = stackTags(ctx, 'root', Date.UTC(2026, 0, 1), 60)
const owner = { repository: ctx.repository, runId: ctx.runId }
const opts = (o: Partial<DestroyOptions> = {}): DestroyOptions => ({
  forceDelete: true,
  timeoutMs: 20_000,
  owner,
  ...o
})

let clock: VirtualClock
let sim: Simulator
let aws: AwsClients
let log: ReturnType<typeof recordingLog>
const saved = { ...process.env }

beforeAll(() => {
  Object.assign(process.env, fakeCredentials())
})
afterAll(() => {
  process.env = saved
})
beforeEach(async () => {
  clock = virtualClock()
  sim = await startSimulator({ createMs: 30, deleteMs: 30, clock })
  aws = await createAwsClients({ region: 'us-east-1', endpointUrl: sim.url })
  log = recordingLog()
})
afterEach(() => sim.close())

const deps = () => ({ cfn: aws.cloudFormation, clock, log })

describe('destroy', () => {
  it('deletes by StackId with a ClientRequestToken and confirms DELETE_COMPLETE; retained resources are listed as left behind', async () => {
    const s = await sim.seed('pyr-4242-1-a', TEMPLATE, TAGS)
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    expect(r).toMatchObject({ confirmed: true, finalStatus: 'DELETE_COMPLETE' })
    const deletes = sim.requests.filter((q) => q.action === 'DeleteStack')
    expect(deletes).toHaveLength(1)
    expect(deletes[0]?.params.get('StackName')).toBe(s.id)
    expect(deletes[0]?.params.get('ClientRequestToken')).toMatch(/^pyramid-4242-[0-9a-f]{8}-d1$/)
    expect(r.leaked.map((l) => l.logicalId)).toEqual(['Logs'])
    expect(sim.model.live()).toHaveLength(0)
  })

  it('treats "does not exist" as gone, and a second destroy of a deleted stack by id as confirmed', async () => {
    expect(await destroyStack(deps(), { name: 'pyr-4242-1-never' }, opts())).toMatchObject({
      confirmed: true,
      finalStatus: 'NOT_FOUND'
    })
    const s = await sim.seed('pyr-4242-1-b', TEMPLATE, TAGS)
    await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    const again = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    expect(again).toMatchObject({ confirmed: true, finalStatus: 'DELETE_COMPLETE' })
  })

  it('waits out CREATE_IN_PROGRESS, then deletes', async () => {
    sim.behave('pyr-4242-1-creating', { createMs: 1500 })
    const s = sim.model.createStack('pyr-4242-1-creating', TEMPLATE, TAGS)
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    expect(r.confirmed).toBe(true)
    const statuses = s.events.filter((e) => e.logicalId === s.name).map((e) => e.status)
    expect(statuses.indexOf('DELETE_IN_PROGRESS')).toBeLessThan(statuses.indexOf('CREATE_COMPLETE'))
  })

  it('waits out ROLLBACK_IN_PROGRESS (DeleteStack refused meanwhile), then deletes', async () => {
    sim.behave('pyr-4242-1-rollback', { createMs: 800, failCreate: ['Fn'] })
    const s = sim.model.createStack('pyr-4242-1-rollback', TEMPLATE, TAGS)
    while (s.status !== 'ROLLBACK_IN_PROGRESS') await clock.sleep(20)
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    expect(r.confirmed).toBe(true)
    const statuses = s.events.filter((e) => e.logicalId === s.name).map((e) => e.status)
    expect(statuses.indexOf('DELETE_IN_PROGRESS')).toBeLessThan(statuses.indexOf('ROLLBACK_COMPLETE'))
  })

  it('deletes a stack left in REVIEW_IN_PROGRESS by an unexecuted change set', async () => {
    const s = sim.model.createChangeSet('pyr-4242-1-review', 'cs', TEMPLATE, TAGS)
    expect(s.status).toBe('REVIEW_IN_PROGRESS')
    const r = await destroyStack(deps(), { name: s.name }, opts())
    expect(r).toMatchObject({ confirmed: true, stackId: s.id })
    expect(s.status).toBe('DELETE_COMPLETE')
  })

  it('DELETE_FAILED without force-delete: fails with the failing resources and reasons', async () => {
    sim.behave('pyr-4242-1-stuck', { failDelete: ['Bucket'] })
    const s = await sim.seed('pyr-4242-1-stuck', TEMPLATE, TAGS)
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts({ forceDelete: false }))
    expect(r.confirmed).toBe(false)
    expect(r.failedResources).toEqual([
      expect.objectContaining({
        logicalId: 'Bucket',
        type: 'AWS::S3::Bucket',
        reason: expect.stringContaining('not empty')
      })
    ])
    expect(r.failure).toMatch(/DELETE_FAILED.*Bucket \(AWS::S3::Bucket\).*force-delete: true/s)
    expect(s.status).toBe('DELETE_FAILED')
  })

  it('DELETE_FAILED with force-delete: FORCE_DELETE_STACK, and the retained resources are leaked with type and physical id', async () => {
    sim.behave('pyr-4242-1-stuck', { failDelete: ['Bucket'] })
    const s = await sim.seed('pyr-4242-1-stuck', TEMPLATE, TAGS)
    const bucketId = s.resources.find((x) => x.logicalId === 'Bucket')?.physicalId
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    expect(r).toMatchObject({ confirmed: true, finalStatus: 'DELETE_COMPLETE' })
    const modes = sim.requests
      .filter((q) => q.action === 'DeleteStack')
      .map((q) => q.params.get('DeletionMode') ?? 'STANDARD')
    expect(modes).toEqual(['STANDARD', 'FORCE_DELETE_STACK'])
    expect(r.leaked).toContainEqual(
      expect.objectContaining({ type: 'AWS::S3::Bucket', physicalId: bucketId })
    )
    expect(sim.model.leaked.map((l) => l.physicalId)).toContain(bucketId)
  })

  it('an export-in-use cancellation (stack back to UPDATE_COMPLETE) is a failed destroy with the reason', async () => {
    sim.behave('pyr-4242-1-exporter', { exportInUseBy: 'consumer-stack' })
    const s = await sim.seed('pyr-4242-1-exporter', TEMPLATE, TAGS)
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    expect(r.confirmed).toBe(false)
    expect(r.finalStatus).toBe('UPDATE_COMPLETE')
    expect(r.failure).toMatch(/cancelled.*in use by consumer-stack/)
  })

  it('survives Throttling and still notices DELETE_COMPLETE within 3 s of it, on the clock it polls by', async () => {
    sim.behave('pyr-4242-1-t', { deleteMs: 1200 })
    const s = await sim.seed('pyr-4242-1-t', TEMPLATE, TAGS)
    sim.throttle(12, ['DescribeStacks'])
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts())
    const returned = clock.now()
    expect(r.confirmed).toBe(true)
    expect(sim.requests.filter((q) => q.throttled).length).toBe(12)
    expect(returned - (s.deletedAt ?? 0)).toBeLessThan(3000)
  })

  it('a delete not confirmed in time fails and says the janitor removes it after pyramid:expires-at', async () => {
    sim.behave('pyr-4242-1-forever', { deleteMs: 60_000 })
    const s = await sim.seed('pyr-4242-1-forever', TEMPLATE, TAGS)
    const r = await destroyStack(deps(), { name: s.name, stackId: s.id }, opts({ timeoutMs: 1500 }))
    expect(r.confirmed).toBe(false)
    expect(r.failure).toContain(`janitor (mode: janitor) removes it after ${TAGS['pyramid:expires-at']}`)
  })

  it('termination protection makes the destroy fail with the reason', async () => {
    const s = await sim.seed('pyr-4242-1-protected', TEMPLATE, TAGS)
    sim.model.setTerminationProtection(s.id, true)
    await expect(destroyStack(deps(), { name: s.name, stackId: s.id }, opts())).rejects.toThrow(
      /TerminationProtection/
    )
    expect(s.status).toBe('CREATE_COMPLETE')
  })

  it('never deletes a same-named stack without this run’s tags', async () => {
    const foreign = await sim.seed('pyr-4242-1-orders', TEMPLATE, { team: 'payments' })
    const [r] = await destroyStacks(deps(), [{ name: 'pyr-4242-1-orders' }], opts())
    expect(r?.confirmed).toBe(true)
    expect(foreign.status).toBe('CREATE_COMPLETE')
    expect(sim.requests.some((q) => q.action === 'DeleteStack')).toBe(false)
    expect(log.lines.join('\n')).toMatch(/not tagged as this run's stack: left untouched/)
  })
})
