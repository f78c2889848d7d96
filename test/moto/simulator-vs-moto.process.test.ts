/**
 * Our CloudFormation simulator (test/stand-ins/cloudformation) against moto, on the calls both implement:
 * the same sequence of calls goes to each, and the answers must agree where AWS's API reference documents
 * the behaviour. Where they differ, the simulator must do what the reference says:
 * - DeleteStack, DeletionMode: FORCE_DELETE_STACK "Delete the stack if it's stuck in a DELETE_FAILED
 *   state" — the simulator refuses it on a CREATE_COMPLETE stack; moto deletes the stack.
 * - DescribeStackEvents: "all stack related events ... in reverse chronological order" — the simulator
 *   returns the resource events too; moto only the stack's own.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand
} from '@aws-sdk/client-cloudformation'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { describeWithTool, python } from '../real-runners/tools.js'
import { startMoto, type MotoServer } from './moto-server.js'

const TEMPLATE = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } })
const tool = python(['python3', '/usr/bin/python3'], 'moto.server')

/** Resolves with a stack's status once it left *_IN_PROGRESS (polling; the emulators finish quickly). */
async function settled(cfn: CloudFormationClient, name: string): Promise<string> {
  for (;;) {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!.StackStatus!
    if (!s.endsWith('_IN_PROGRESS') || s === 'REVIEW_IN_PROGRESS') return s
    await new Promise((r) => setTimeout(r, 50))
  }
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    (v) => ({ ok: typeof v === 'string' ? v : 'answered' }),
    (e: Error) => ({ error: e.name, message: e.message })
  )

/** The same calls, in the same order, against one endpoint; what each answered. */
async function exercise(url: string) {
  const cfn = new CloudFormationClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
  })
  const status = (name: string) => outcome(settled(cfn, name))
  const id = (await cfn.send(new CreateStackCommand({ StackName: 'plain', TemplateBody: TEMPLATE }))).StackId!
  const created = await status('plain')
  const again = await outcome(
    cfn.send(new CreateStackCommand({ StackName: 'plain', TemplateBody: TEMPLATE }))
  )
  const resources = (await cfn.send(new ListStackResourcesCommand({ StackName: 'plain' })))
    .StackResourceSummaries
  const forced = await outcome(
    cfn.send(new DeleteStackCommand({ StackName: 'plain', DeletionMode: 'FORCE_DELETE_STACK' }))
  )
  await cfn.send(new DeleteStackCommand({ StackName: 'plain' }))
  const byId = await status(id)
  const byName = await status('plain')
  const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: id }))).StackEvents!
  const deleteMissing = await outcome(cfn.send(new DeleteStackCommand({ StackName: 'never-created' })))
  const missing = await status('never-created')

  const review = await cfn.send(
    new CreateChangeSetCommand({
      StackName: 'review',
      ChangeSetName: 'cs',
      ChangeSetType: 'CREATE',
      TemplateBody: TEMPLATE
    })
  )
  await new Promise((r) => setTimeout(r, 300))
  const inReview = await status('review')
  const changeSet = await cfn.send(new DescribeChangeSetCommand({ StackName: 'review', ChangeSetName: 'cs' }))
  await cfn.send(new DeleteStackCommand({ StackName: 'review' }))
  const reviewDeleted = await status(review.StackId!)

  await cfn.send(
    new CreateChangeSetCommand({
      StackName: 'executed',
      ChangeSetName: 'cs',
      ChangeSetType: 'CREATE',
      TemplateBody: TEMPLATE
    })
  )
  await new Promise((r) => setTimeout(r, 300))
  await cfn.send(new ExecuteChangeSetCommand({ StackName: 'executed', ChangeSetName: 'cs' }))
  const executed = await status('executed')
  await cfn.send(new DeleteStackCommand({ StackName: 'executed' }))

  return {
    agreed: {
      created,
      again: 'error' in again ? again.error : 'accepted',
      resources: resources?.map((r) => `${r.LogicalResourceId} ${r.ResourceType} ${r.ResourceStatus}`),
      byId,
      byName,
      newestEventFirst: `${events[0]!.LogicalResourceId} ${events[0]!.ResourceStatus}`,
      oldestEventLast: `${events.at(-1)!.LogicalResourceId} ${events.at(-1)!.ResourceStatus}`,
      deleteMissing,
      missing,
      inReview,
      changeSet: [changeSet.Status, changeSet.ExecutionStatus],
      reviewDeleted,
      executed
    },
    forced,
    resourceEvents: events.filter((e) => e.LogicalResourceId === 'Queue').map((e) => e.ResourceStatus)
  }
}

describeWithTool('simulator vs moto: CloudFormation calls both implement', tool, () => {
  let moto: MotoServer
  let sim: Simulator
  beforeAll(async () => {
    moto = await startMoto((tool as { bin: string }).bin)
    sim = await startSimulator({ createMs: 100, deleteMs: 100 })
  }, 90_000)
  afterAll(async () => {
    await moto?.close()
    await sim?.close()
  })

  it('agree on what the API reference documents; where they differ, the simulator follows it', async () => {
    const ours = await exercise(sim.url)
    const theirs = await exercise(moto.url)
    expect(ours.agreed).toEqual(theirs.agreed)
    expect(ours.agreed).toMatchObject({
      created: { ok: 'CREATE_COMPLETE' },
      again: 'AlreadyExistsException',
      byId: { ok: 'DELETE_COMPLETE' },
      byName: { error: 'ValidationError', message: 'Stack with id plain does not exist' },
      deleteMissing: { ok: 'answered' },
      inReview: { ok: 'REVIEW_IN_PROGRESS' },
      reviewDeleted: { ok: 'DELETE_COMPLETE' },
      executed: { ok: 'CREATE_COMPLETE' }
    })
    // FORCE_DELETE_STACK is for a stack stuck in DELETE_FAILED (DeleteStack, DeletionMode).
    expect(ours.forced).toMatchObject({
      error: 'ValidationError',
      message: expect.stringMatching(/DELETE_FAILED/)
    })
    expect(theirs.forced).toHaveProperty('ok')
    // DescribeStackEvents returns every stack-related event: the resource's too.
    expect(ours.resourceEvents).toEqual(['DELETE_COMPLETE', 'CREATE_COMPLETE'])
    expect(theirs.resourceEvents).toEqual([])
  }, 120_000)
})
