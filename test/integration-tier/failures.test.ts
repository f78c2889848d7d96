import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type net from 'node:net'
import { StateKey } from '../../src/app/state-keys.js'
import { createStandIns, type StandIns } from '../stand-ins/docker/harness.js'
import { dockerVerbs, scenario } from './scenario.js'

let standIns: StandIns
beforeEach(async () => {
  standIns = await createStandIns()
})
afterEach(async () => {
  await standIns.cleanup()
})

const never = () => new AbortController().signal

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now()
  const value = await fn()
  return { value, ms: Date.now() - started }
}

function containerLogNote(notes: { level: string; text: string }[]): string {
  return notes.find((n) => n.text.startsWith('LocalStack container log'))?.text ?? ''
}

describe('when LocalStack is the problem, setup fails at once and says what to do', () => {
  it('exit 55: the image needs an auth token', async () => {
    const s = await scenario(standIns, {
      inputs: { localstackImage: 'localstack/localstack:latest', localstackTimeoutSeconds: 60 }
    })
    const { value: setup, ms } = await timed(() => s.lifecycle.setup(never()))
    expect(ms).toBeLessThan(5000)
    expect(setup.failure).toBe(
      'LocalStack image localstack/localstack:latest exited 55: it needs LOCALSTACK_AUTH_TOKEN. Set the ' +
        'localstack-auth-token input (from a secret), or pin localstack-image: localstack/localstack:4.14.0, ' +
        'the last tag that starts without a token.'
    )
    expect(setup.phases.find((p) => p.name === 'ready')).toMatchObject({ ok: false, detail: 'exited' })
    expect(containerLogNote(setup.notes)).toContain('LOCALSTACK_AUTH_TOKEN')
    expect(dockerVerbs(standIns)).toContain('logs')
    await s.lifecycle.teardown()
    expect(standIns.containers()).toEqual([])
  })

  it('a container that crashes with another code', async () => {
    const s = await scenario(standIns, {
      settings: { LOCALSTACK_STANDIN_CRASH: '200:3', LOCALSTACK_STANDIN_START_DELAY_MS: '60000' }
    })
    const { value: setup, ms } = await timed(() => s.lifecycle.setup(never()))
    expect(ms).toBeLessThan(5000)
    expect(setup.failure).toContain('exited with code 3 before it was ready')
    expect(containerLogNote(setup.notes)).toContain('crashing with exit code 3')
    await s.lifecycle.teardown()
  })

  it('a service in state error is named', async () => {
    const s = await scenario(standIns, { settings: { LOCALSTACK_STANDIN_STATES: 'dynamodb=error' } })
    const { value: setup, ms } = await timed(() => s.lifecycle.setup(never()))
    expect(ms).toBeLessThan(5000)
    expect(setup.failure).toMatch(
      /^LocalStack service dynamodb is in state "error" at http:\/\/127\.0\.0\.1:\d+: it failed to start/
    )
    expect(containerLogNote(setup.notes)).toContain('LocalStack version: 4.14.0')
    await s.lifecycle.teardown()
  })

  it('a misspelt service is named, with the closest known name and the known list', async () => {
    const s = await scenario(standIns, { inputs: { localstackServices: ['dynamdb', 's3'] } })
    const { value: setup, ms } = await timed(() => s.lifecycle.setup(never()))
    expect(ms).toBeLessThan(5000)
    expect(setup.failure).toContain('localstack-services names "dynamdb" (did you mean "dynamodb"?)')
    expect(setup.failure).toContain('Fix the name in localstack-services. Known services: acm, apigateway,')
    expect(setup.failure).toContain(' dynamodb, dynamodbstreams,')
    await s.lifecycle.teardown()
  })

  it('timeout: names the endpoint, the services not ready, and shows the container log', async () => {
    const s = await scenario(standIns, {
      inputs: { localstackTimeoutSeconds: 1 },
      settings: { LOCALSTACK_STANDIN_STARTING_MS: '600000' }
    })
    const { value: setup, ms } = await timed(() => s.lifecycle.setup(never()))
    expect(ms).toBeLessThan(4000)
    expect(setup.failure).toContain(
      `was not ready at ${s.endpoint} after 1 s: services not ready: dynamodb (starting), s3 (starting)`
    )
    expect(setup.failure).toContain('raise localstack-timeout-seconds')
    expect(containerLogNote(setup.notes)).toContain('Ready.')
    await s.lifecycle.teardown()
  })

  it('external and nothing answers: a bounded failure that names the endpoint', async () => {
    const s = await scenario(standIns, { inputs: { localstack: 'external', localstackTimeoutSeconds: 1 } })
    const { value: setup, ms } = await timed(() => s.lifecycle.setup(never()))
    expect(ms).toBeGreaterThanOrEqual(1000)
    expect(ms).toBeLessThan(3000)
    expect(setup.failure).toBe(
      `LocalStack at ${s.endpoint} was not ready after 1 s: nothing answered at ${s.endpoint} (ECONNREFUSED). ` +
        'Check that it is started before this step and that localstack-endpoint points at it, raise ' +
        'localstack-timeout-seconds, or set localstack: auto to let the action start it.'
    )
    expect(dockerVerbs(standIns)).toEqual([])
  })

  it('auto, but the port is taken by something that is not LocalStack', async () => {
    const other = http.createServer((_req, res) => res.writeHead(404).end())
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    try {
      const port = (other.address() as net.AddressInfo).port
      const s = await scenario(standIns, { port })
      const setup = await s.lifecycle.setup(never())
      expect(setup.failure).toContain(`${s.endpoint} already answers HTTP 404, but it is not LocalStack`)
      expect(setup.failure).toContain('set localstack-endpoint to a free port')
      expect(dockerVerbs(standIns)).toEqual([])
    } finally {
      other.closeAllConnections()
      await new Promise((resolve) => other.close(resolve))
    }
  })

  it('docker run refused: the message says why and what to do', async () => {
    const s = await scenario(standIns, {
      settings: {
        DOCKER_STANDIN_FAIL_RUN:
          'docker: Error response from daemon: driver failed: Bind for 0.0.0.0:4566 failed: port is already allocated.'
      }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain('docker run localstack/localstack:4.14.0 failed (exit 125)')
    expect(setup.failure).toContain(`Port ${s.port} is already in use`)
    expect(setup.phases.at(-1)).toMatchObject({ name: 'start', ok: false })
    const down = await s.lifecycle.teardown()
    expect(down.phases[0]).toMatchObject({
      name: 'remove',
      ok: true,
      detail: 'container pyramid-localstack-4242-1 was already gone'
    })
  })

  it('cancel stops the wait at once', async () => {
    const s = await scenario(standIns, { settings: { LOCALSTACK_STANDIN_START_DELAY_MS: '60000' } })
    const pending = timed(() => s.lifecycle.setup(never()))
    await new Promise((r) => setTimeout(r, 1200))
    await s.lifecycle.cancel()
    const { value: setup, ms } = await pending
    expect(ms).toBeLessThan(2500)
    expect(setup.failure).toBe(`cancelled while waiting for LocalStack at ${s.endpoint}`)
    await s.lifecycle.teardown()
    expect(standIns.containers()).toEqual([])
  })
})

describe('without Docker', () => {
  it('says that localstack: auto needs Docker, and what to use instead', async () => {
    // bash is there, docker is not (the real client lives in /usr/local/bin, the stand-in elsewhere).
    const s = await scenario(standIns, { baseEnv: { PATH: '/usr/bin:/bin' } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain('docker pull localstack/localstack:4.14.0 failed (exit 127)')
    expect(setup.failure).toContain('localstack: auto needs Docker')
    expect(setup.failure).toContain('set localstack: external')
    expect(setup.phases).toEqual([expect.objectContaining({ name: 'pull', ok: false })])
    // docker run was never reached: nothing to remove, nothing in the state.
    expect((await s.lifecycle.teardown()).phases).toEqual([])
    expect(s.state.get(StateKey.LocalStackContainer)).toBe('')
  })
})
