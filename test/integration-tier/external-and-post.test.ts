import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createRequire } from 'node:module'
import { createShell } from '../../src/adapters/process/shell.js'
import { removeLocalStackFromState } from '../../src/app/integration/localstack-lifecycle.js'
import { StateKey } from '../../src/app/state-keys.js'
import { createStandIns, freePort, waitGone, type StandIns } from '../stand-ins/docker/harness.js'
import { memoryState, recordingLog } from './fakes.js'
import { dockerVerbs, scenario } from './scenario.js'

let standIns: StandIns
beforeEach(async () => {
  standIns = await createStandIns()
})
afterEach(async () => {
  await standIns.cleanup()
})

const never = () => new AbortController().signal

describe('localstack: external', () => {
  it('waits for the services of a LocalStack that is already there, and never starts or stops one', async () => {
    const s = await scenario(standIns, { inputs: { localstack: 'external' } })
    await standIns.startHealthServer(s.port, {
      LOCALSTACK_STANDIN_STARTING_MS: '400',
      LOCALSTACK_STANDIN_EDITION: 'pro',
      LOCALSTACK_STANDIN_VERSION: '2026.3.0'
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(setup.phases).toEqual([expect.objectContaining({ name: 'ready', ok: true })])
    // The services said "starting" for 400 ms after the port opened: the wait covered that.
    expect(setup.phases[0]!.durationMs).toBeGreaterThanOrEqual(300)
    expect(setup.facts).toMatchObject({
      LocalStack: 'external',
      'LocalStack version': '2026.3.0',
      'LocalStack edition': 'pro'
    })
    expect((await s.lifecycle.teardown()).phases).toEqual([])
    expect(dockerVerbs(standIns)).toEqual([])
  })

  it('against an emulator that is not LocalStack (dynalite), checks reachability and says so', async () => {
    const port = await freePort()
    const dynalite = createRequire(import.meta.url).resolve('dynalite/cli.js')
    await standIns.startServer([dynalite, '--port', String(port), '--host', '127.0.0.1'], port)
    const s = await scenario(standIns, {
      port,
      inputs: { localstack: 'external', localstackServices: ['dynamodb'] }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(setup.facts.LocalStack).toBe('external, not LocalStack (reachable over HTTP)')
    expect(setup.notes).toEqual([
      {
        level: 'info',
        text: `${s.endpoint} answers but is not LocalStack (no /_localstack/health): only its HTTP reachability was checked, not the readiness of dynamodb.`
      }
    ])
    expect(setup.env.AWS_ENDPOINT_URL).toBe(s.endpoint)
  })
})

describe('post: removeLocalStackFromState', () => {
  const post = (state: ReturnType<typeof memoryState>, log = recordingLog()) =>
    removeLocalStackFromState(
      { shell: createShell(() => undefined), state, log },
      { env: standIns.env(), cwd: standIns.dir }
    )

  it('stops and removes the container a crashed main left behind', async () => {
    const s = await scenario(standIns)
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    const [container] = standIns.containers()
    // main crashed here: no teardown. Post reads the state main saved.
    const log = recordingLog()
    await post(s.state, log)
    expect(dockerVerbs(standIns).slice(-2)).toEqual(['stop', 'rm'])
    expect(standIns.containers()).toEqual([])
    await waitGone(container!.pid, 2000)
    expect(log.lines).toContain(
      'info: post: stopped and removed container pyramid-localstack-4242-1 (main had not removed it)'
    )
  })

  it('does nothing when main removed the container, or never started one', async () => {
    const s = await scenario(standIns)
    await s.lifecycle.setup(never())
    await s.lifecycle.teardown()
    const calls = standIns.calls().length
    await post(s.state)
    expect(standIns.calls()).toHaveLength(calls)

    await post(memoryState())
    expect(standIns.calls()).toHaveLength(calls)
  })

  it('counts a container that is already gone as removed', async () => {
    const state = memoryState()
    state.save(StateKey.LocalStackContainer, 'pyramid-localstack-1-1')
    const log = recordingLog()
    await post(state, log)
    expect(dockerVerbs(standIns)).toEqual(['stop'])
    expect(log.lines).toContain(
      'info: post: container pyramid-localstack-1-1 was already gone (main had not removed it)'
    )
  })
})
