/**
 * The post step in-process, through its runtime (no bundle): it destroys what main recorded with the
 * settings main saved beside it, whatever the inputs in its environment say — post never reads inputs.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createAwsClients } from '../../src/adapters/aws/clients.js'
import { systemClock } from '../../src/adapters/clock.js'
import { runPost } from '../../src/app/action-post.js'
import type { PostRuntime } from '../../src/app/runtime.js'
import { StateKey } from '../../src/app/state-keys.js'
import { stackTags } from '../../src/core/stacks/tags.js'
import { recordingLog } from '../fakes/log.js'
import { savedState } from '../fakes/state.js'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { fakeCredentials, runContext } from './helpers.js'

const TEMPLATE = { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } }
const ctx = runContext()
let sim: Simulator
const saved = { ...process.env }

beforeAll(() => void Object.assign(process.env, fakeCredentials()))
afterAll(() => void (process.env = saved))
beforeEach(async () => {
  sim = await startSimulator({ createMs: 30, deleteMs: 30 })
})
afterEach(() => sim.close())

/** A stack stuck in DELETE_FAILED, recorded by main with force-delete as given. */
async function postAfterMain(forceDelete: boolean, inputs: Record<string, string>) {
  sim.behave('pyr-4242-1-stuck', { failDelete: ['Bucket'] })
  const stack = await sim.seed('pyr-4242-1-stuck', TEMPLATE, stackTags(ctx, 'root', Date.now(), 60))
  const failures: string[] = []
  const summary: string[] = []
  const rt: PostRuntime = {
    clock: systemClock,
    log: recordingLog(),
    state: savedState({
      [StateKey.Stacks]: JSON.stringify([stack.name]),
      [StateKey.StackIds]: JSON.stringify({ [stack.name]: stack.id }),
      [StateKey.StackAws]: JSON.stringify({
        region: 'us-east-1',
        endpointUrl: sim.url,
        accountMasked: '********9012',
        repository: ctx.repository,
        runId: ctx.runId,
        expiresAt: '2026-01-01T03:00:00.000Z',
        forceDelete,
        destroyTimeoutMs: 20_000
      })
    }),
    summary: { append: async (markdown) => void summary.push(markdown) },
    aws: createAwsClients,
    docker: () => {
      throw new Error('main started no LocalStack container: post must not run docker')
    },
    env: { ...inputs },
    repoRoot: '/nowhere',
    fail: (message) => void failures.push(message)
  }
  await runPost(rt)
  const modes = sim.requests
    .filter((q) => q.action === 'DeleteStack')
    .map((q) => q.params.get('DeletionMode') ?? 'STANDARD')
  return { failures, summary, modes, stack }
}

describe('post step', () => {
  it("keeps main's force-delete: false although the input says true", async () => {
    const post = await postAfterMain(false, {
      'INPUT_FORCE-DELETE': 'true',
      'INPUT_DESTROY-TIMEOUT-MINUTES': '1'
    })
    expect(post.modes).toEqual(['STANDARD'])
    expect(post.stack.status).toBe('DELETE_FAILED')
    expect(post.failures).toEqual([expect.stringMatching(/DELETE_FAILED.*Bucket/s)])
    expect(post.summary.join('')).toContain('### Post step: ephemeral stack cleanup')
  })

  it("keeps main's force-delete: true although the input says false", async () => {
    const post = await postAfterMain(true, { 'INPUT_FORCE-DELETE': 'false' })
    expect(post.modes).toEqual(['STANDARD', 'FORCE_DELETE_STACK'])
    expect(post.stack.status).toBe('DELETE_COMPLETE')
  })
})
