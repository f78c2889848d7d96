import { describe, expect, it } from '@jest/globals'
import { createRequire } from 'node:module'
import { createDockerCli } from '../../src/adapters/localstack/docker-cli.js'
import { createShell } from '../../src/adapters/process/shell.js'
import { removeLocalStackFromState } from '../../src/app/integration/localstack-lifecycle.js'
import type { StateStore } from '../../src/app/ports.js'
import { StateKey } from '../../src/app/state-keys.js'
import { freePort, waitGone } from '../stand-ins/docker/harness.js'
import { standInsPerTest } from '../stand-ins/docker/per-test.js'
import { recordingLog } from '../fakes/log.js'
import { savedState } from '../fakes/state.js'
import { dockerVerbs, getJson, invokeLambda, scenario } from './scenario.js'

const standIns = standInsPerTest()

const never = () => new AbortController().signal

describe('localstack: external', () => {
  it('waits while a service is starting, and never starts or stops a LocalStack', async () => {
    const s = await scenario(standIns(), { inputs: { localstack: 'external' } })
    await standIns().startHealthServer(s.port, {
      EAGER_SERVICE_LOADING: '1',
      LOCALSTACK_STANDIN_STARTING: 'dynamodb:4',
      LOCALSTACK_STANDIN_EDITION: 'pro',
      LOCALSTACK_STANDIN_VERSION: '2026.3.0'
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(setup.phases).toEqual([expect.objectContaining({ name: 'ready', ok: true })])
    // The stand-in said "starting" for its first 4 answers: readiness came after them, when it said running.
    const health = (await getJson(s.endpoint, '/_localstack/health')).services as Record<string, string>
    expect(health.dynamodb).toBe('running')
    expect(setup.notes).toEqual([])
    expect(setup.facts).toMatchObject({
      LocalStack: 'external',
      'LocalStack version': '2026.3.0',
      'LocalStack edition': 'pro'
    })
    expect((await s.lifecycle.teardown()).phases).toEqual([])
    expect(dockerVerbs(standIns())).toEqual([])
  })

  it('a lazily loading LocalStack is ready when its services are "available", with a note on what that costs', async () => {
    const s = await scenario(standIns(), { inputs: { localstack: 'external', localstackServices: ['sqs'] } })
    await standIns().startHealthServer(s.port, { SERVICES: 'sqs' })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(setup.phases[0]!.detail).toBe('sqs available (load on first request)')
    expect(setup.notes).toEqual([
      {
        level: 'info',
        text: expect.stringMatching(
          /^sqs was "available" at .*: that LocalStack loads a service on its first request, so that load time .* counts as test time.* Start it with EAGER_SERVICE_LOADING=1/
        )
      }
    ])
  })

  it('a name that LocalStack does not know is named with the closest one, when LocalStack answers', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstack: 'external', localstackServices: ['dynamdb'] }
    })
    await standIns().startHealthServer(s.port, {})
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain('localstack-services names "dynamdb" (did you mean "dynamodb"?)')
    expect(setup.failure).toContain('Fix the name in localstack-services. Known services: acm, apigateway,')
  })

  it('against an emulator that is not LocalStack (dynalite), checks reachability and says so', async () => {
    const port = await freePort()
    const dynalite = createRequire(import.meta.url).resolve('dynalite/cli.js')
    await standIns().startServer([dynalite, '--port', String(port), '--host', '127.0.0.1'], port)
    const s = await scenario(standIns(), {
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
  const post = (state: StateStore, log = recordingLog()) =>
    removeLocalStackFromState(
      {
        docker: (cwd, env) =>
          createDockerCli(
            createShell(() => undefined),
            cwd,
            env
          ),
        state,
        log
      },
      { env: standIns().env(), cwd: standIns().dir }
    )

  it('stops and removes the container a killed main left behind, and its Lambda containers', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackServices: ['lambda'] },
      settings: { LOCALSTACK_STANDIN_LAMBDA_SHUTDOWN: 'leave' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    await invokeLambda(s.endpoint, 'orders')
    const pids = standIns()
      .containers()
      .map((c) => c.pid)
    expect(pids).toHaveLength(2)
    // main was killed here: no teardown. Post reads the state main saved.
    const log = recordingLog()
    await post(s.state.post(), log)
    expect(
      standIns()
        .calls()
        .slice(-4)
        .map((argv) => argv.slice(0, 3))
    ).toEqual([
      ['stop', '-t', '20'],
      ['ps', '-aq', '--filter'],
      ['rm', '--force', '--volumes'],
      ['rm', '--force', '--volumes']
    ])
    expect(standIns().containers()).toEqual([])
    expect(standIns().volumes()).toEqual([])
    for (const pid of pids) await waitGone(pid, 2000)
    expect(log.lines).toContain(
      'info: post: stopped and removed container pyramid-localstack-4242-1, and its 1 Lambda container (main had not removed it)'
    )
  })

  it('does nothing when main removed the container, or never started one', async () => {
    const s = await scenario(standIns())
    await s.lifecycle.setup(never())
    await s.lifecycle.teardown()
    const calls = standIns().calls().length
    await post(s.state.post())
    expect(standIns().calls()).toHaveLength(calls)

    await post(savedState({}))
    expect(standIns().calls()).toHaveLength(calls)
  })

  it('counts a container that is already gone as removed', async () => {
    const log = recordingLog()
    await post(savedState({ [StateKey.LocalStackContainer]: 'pyramid-localstack-1-1' }), log)
    expect(dockerVerbs(standIns())).toEqual(['stop', 'ps'])
    expect(log.lines).toContain(
      'info: post: container pyramid-localstack-1-1 was already gone (main had not removed it)'
    )
  })
})
