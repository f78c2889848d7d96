import { describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import { StateKey } from '../../src/app/state-keys.js'
import { expandServices } from '../../src/core/localstack/service-names.js'
import { isAlive, waitGone } from '../stand-ins/docker/harness.js'
import { standInsPerTest } from '../stand-ins/docker/per-test.js'
import { dockerVerbs, getJson, invokeLambda, scenario, until } from './scenario.js'

const standIns = standInsPerTest()

const never = () => new AbortController().signal
// What `serverless` stands for (the literal list is checked in service-names.test.ts).
const SERVERLESS = expandServices(['serverless']).services

describe('localstack: auto', () => {
  it('starts LocalStack with every requested service (composites expanded) loaded before the tests', async () => {
    const s = await scenario(standIns(), { inputs: { localstackServices: ['serverless'] } })
    const setup = await s.lifecycle.setup(never())

    expect(setup.failure).toBeUndefined()
    expect(
      standIns()
        .calls()
        .find((argv) => argv[0] === 'run')
    ).toEqual([
      'run',
      '-d',
      '--name',
      'pyramid-localstack-4242-1',
      '-p',
      `${s.port}:4566`,
      '-e',
      `SERVICES=${SERVERLESS.join(',')}`,
      '-e',
      'EAGER_SERVICE_LOADING=1',
      '-e',
      'SHUTDOWN_TIMEOUT=15',
      '-e',
      'MAIN_CONTAINER_NAME=pyramid-localstack-4242-1',
      '-v',
      '/var/run/docker.sock:/var/run/docker.sock',
      'localstack/localstack:4.14.0'
    ])
    // The container name is in the state before `docker run` is called.
    const saved = s.state.saves.find((x) => x.key === StateKey.LocalStackContainer)
    expect(saved?.value).toBe('pyramid-localstack-4242-1')
    expect(saved!.seen).toBeLessThan(dockerVerbs(standIns()).indexOf('run') + 1)
    expect(setup.phases.map((p) => [p.name, p.kind, p.ok])).toEqual([
      ['pull', 'setup', true],
      ['start', 'setup', true],
      ['ready', 'setup', true]
    ])
    expect(setup.phases[2]!.detail).toBe(`${SERVERLESS.join(', ')} running`)
    // What the tests meet: every service already loaded.
    const health = (await getJson(s.endpoint, '/_localstack/health')).services as Record<string, string>
    expect(SERVERLESS.map((name) => health[name])).toEqual(SERVERLESS.map(() => 'running'))
    expect(setup.facts).toMatchObject({
      'LocalStack version': '4.14.0',
      'LocalStack edition': 'community',
      'LocalStack endpoint': s.endpoint,
      'LocalStack image': 'localstack/localstack:4.14.0',
      'LocalStack services': SERVERLESS.join(', ')
    })
    expect(setup.notes).toEqual([])
    expect(setup.env).toMatchObject({ AWS_ENDPOINT_URL: s.endpoint, AWS_ACCESS_KEY_ID: 'test' })
    await s.lifecycle.teardown()
  })

  it('counts the time LocalStack takes to load the services as setup (the ready phase)', async () => {
    const gate = path.join(standIns().dir, 'loaded')
    const s = await scenario(standIns(), { settings: { LOCALSTACK_STANDIN_GATE: gate } })
    const pending = s.lifecycle.setup(never())
    // The container runs and is watched, but its gateway is not listening yet: LocalStack is loading.
    await until(() => dockerVerbs(standIns()).includes('inspect'), 'the container watch')
    s.clock.advance(7_000)
    fs.writeFileSync(gate, '')
    const setup = await pending
    expect(setup.failure).toBeUndefined()
    const ready = setup.phases.find((p) => p.name === 'ready')!
    expect(ready).toMatchObject({
      kind: 'setup',
      ok: true,
      detail: 'dynamodb, dynamodbstreams, kinesis, s3 running'
    })
    expect(ready.durationMs).toBeGreaterThanOrEqual(7_000)
    await s.lifecycle.teardown()
  })

  it('stops LocalStack with a grace beyond its SHUTDOWN_TIMEOUT, then removes its Lambda containers and volumes', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackServices: ['lambda'] },
      // A shutdown cut short: LocalStack does not get to stop its Lambda containers itself.
      settings: { LOCALSTACK_STANDIN_LAMBDA_SHUTDOWN: 'leave' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    await invokeLambda(s.endpoint, 'Orders_Handler')
    await invokeLambda(s.endpoint, 'audit')
    const [main] = standIns()
      .containers()
      .filter((c) => c.name === 'pyramid-localstack-4242-1')
    expect(
      standIns()
        .containers()
        .map((c) => c.name)
        .sort()
    ).toEqual([
      'pyramid-localstack-4242-1',
      'pyramid-localstack-4242-1-lambda-audit-2',
      'pyramid-localstack-4242-1-lambda-orders-handler-1'
    ])
    const pids = standIns()
      .containers()
      .map((c) => c.pid)

    const down = await s.lifecycle.teardown()
    expect(down.phases).toEqual([
      expect.objectContaining({
        name: 'remove',
        kind: 'teardown',
        ok: true,
        detail: 'stopped and removed container pyramid-localstack-4242-1, and its 2 Lambda containers'
      })
    ])
    const calls = standIns().calls().slice(-4)
    expect(calls[0]).toEqual(['stop', '-t', '20', 'pyramid-localstack-4242-1'])
    expect(calls[1]).toEqual(['ps', '-aq', '--filter', 'name=^pyramid-localstack-4242-1-lambda-'])
    expect(calls[2]!.slice(0, 3)).toEqual(['rm', '--force', '--volumes'])
    expect(calls[2]).toHaveLength(5)
    expect(calls[3]).toEqual(['rm', '--force', '--volumes', 'pyramid-localstack-4242-1'])
    expect(standIns().containers()).toEqual([])
    expect(standIns().volumes()).toEqual([])
    for (const pid of pids) await waitGone(pid, 2000)
    expect(isAlive(main!.pid)).toBe(false)
    expect(s.state.values.get(StateKey.LocalStackRemoved)).toBe('pyramid-localstack-4242-1')

    const count = standIns().calls().length
    await s.lifecycle.teardown()
    expect(standIns().calls()).toHaveLength(count)
  })

  it("keeps a user's EAGER_SERVICE_LOADING=0 and SHUTDOWN_TIMEOUT, and says what lazy loading costs", async () => {
    const s = await scenario(standIns(), { baseEnv: { EAGER_SERVICE_LOADING: '0', SHUTDOWN_TIMEOUT: '30' } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    const run = standIns()
      .calls()
      .find((argv) => argv[0] === 'run')!
    expect(run).toContain('EAGER_SERVICE_LOADING=0')
    expect(run).toContain('SHUTDOWN_TIMEOUT=30')
    expect(setup.phases.find((p) => p.name === 'ready')!.detail).toBe(
      'dynamodb, dynamodbstreams, kinesis, s3 available (load on first request)'
    )
    expect(setup.notes).toEqual([
      {
        level: 'info',
        text: expect.stringContaining(
          "EAGER_SERVICE_LOADING=0 is set in this step's environment, so LocalStack loads each service on its first request"
        )
      }
    ])
    await s.lifecycle.teardown()
    expect(
      standIns()
        .calls()
        .find((argv) => argv[0] === 'stop')
    ).toEqual(['stop', '-t', '35', 'pyramid-localstack-4242-1'])
  })

  it('pulls the image only when it is missing, as its own phase', async () => {
    const first = await scenario(standIns())
    const setup = await first.lifecycle.setup(never())
    expect(dockerVerbs(standIns()).slice(0, 3)).toEqual(['image', 'pull', 'run'])
    expect(setup.phases[0]).toMatchObject({ name: 'pull', ok: true, detail: 'localstack/localstack:4.14.0' })
    await first.lifecycle.teardown()

    const second = await scenario(standIns())
    const again = await second.lifecycle.setup(never())
    expect(again.phases[0]).toMatchObject({ name: 'pull', detail: 'image already present' })
    expect(dockerVerbs(standIns()).filter((v) => v === 'pull')).toHaveLength(1)
    await second.lifecycle.teardown()
  })

  it('uses a LocalStack that already answers and leaves it running', async () => {
    const s = await scenario(standIns())
    await standIns().startHealthServer(s.port, {
      SERVICES: 'dynamodb,s3',
      EAGER_SERVICE_LOADING: '1',
      LOCALSTACK_STANDIN_VERSION: '4.13.1'
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(dockerVerbs(standIns())).toEqual([])
    expect(setup.facts).toMatchObject({
      LocalStack: 'already running (not started by the action)',
      'LocalStack version': '4.13.1'
    })
    const down = await s.lifecycle.teardown()
    expect(down.phases).toEqual([])
    expect(dockerVerbs(standIns())).toEqual([])
  })

  it("waits for LocalStack's READY stage (its init scripts) after the services", async () => {
    const s = await scenario(standIns(), {
      settings: { LOCALSTACK_STANDIN_INIT: 'READY:seed.sh=SUCCESSFUL', LOCALSTACK_STANDIN_READY_AFTER: '6' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    const init = await getJson(s.endpoint, '/_localstack/init')
    expect(init.completed).toMatchObject({ READY: true })
    expect(init.scripts).toEqual([{ stage: 'READY', name: 'seed.sh', state: 'SUCCESSFUL' }])
    await s.lifecycle.teardown()
  })

  it('runs integration-setup-command after readiness as a setup phase, and fails setup when it fails', async () => {
    const ok = await scenario(standIns(), { inputs: { setupCommand: 'echo "seeding $AWS_ENDPOINT_URL"' } })
    const setup = await ok.lifecycle.setup(never())
    expect(setup.phases.map((p) => p.name)).toEqual(['pull', 'start', 'ready', 'setup-command'])
    expect(ok.output()).toContain(`seeding ${ok.endpoint}`)
    await ok.lifecycle.teardown()

    const bad = await scenario(standIns(), { inputs: { setupCommand: 'echo "table exists" >&2; exit 3' } })
    const failed = await bad.lifecycle.setup(never())
    expect(failed.failure).toMatch(/integration-setup-command .* failed \(exit 3\)/)
    expect(failed.phases.at(-1)).toMatchObject({ name: 'setup-command', ok: false })
    expect(failed.notes.map((n) => n.text).join('\n')).toContain('table exists')
    await bad.lifecycle.teardown()
    expect(standIns().containers()).toEqual([])
  })
})
