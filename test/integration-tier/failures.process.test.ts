import { describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type net from 'node:net'
import path from 'node:path'
import { StateKey } from '../../src/app/state-keys.js'
import { standInsPerTest } from '../stand-ins/docker/per-test.js'
import { dockerVerbs, scenario, until } from './scenario.js'

const standIns = standInsPerTest()

const never = () => new AbortController().signal

function containerLogNote(notes: { level: string; text: string }[]): string {
  return notes.find((n) => n.text.startsWith('LocalStack container log'))?.text ?? ''
}

/** A gate that is never opened: the stand-in's gateway never listens. */
const neverListens = () => ({ LOCALSTACK_STANDIN_GATE: path.join(standIns().dir, 'never') })

describe('when LocalStack is the problem, setup fails at once and says what to do', () => {
  it('exit 55: the image needs an auth token (the container log shows LocalStack’s licensing lines)', async () => {
    const s = await scenario(standIns(), { inputs: { localstackImage: 'localstack/localstack:latest' } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBe(
      'LocalStack image localstack/localstack:latest exited 55: it needs LOCALSTACK_AUTH_TOKEN. Set the ' +
        'localstack-auth-token input (from a secret), or pin localstack-image: localstack/localstack:4.14.0, ' +
        'the last tag that starts without a token.'
    )
    expect(setup.phases.find((p) => p.name === 'ready')).toMatchObject({ ok: false, detail: 'exited' })
    const log = containerLogNote(setup.notes)
    expect(log).toContain('Localstack returning with exit code 55. Reason: ')
    expect(log).toContain('The license activation failed for the following reason:')
    expect(dockerVerbs(standIns())).toContain('logs')
    await s.lifecycle.teardown()
    expect(standIns().containers()).toEqual([])
  })

  it('exit 55 with a token: the token was refused', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackImage: 'localstack/localstack:2026.3.0', localstackAuthToken: 'ls-rejected-token' },
      settings: { DOCKER_STANDIN_REJECT_TOKEN: '1' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain('exited 55: it refused the auth token from localstack-auth-token')
    await s.lifecycle.teardown()
  })

  it('a container that crashes with another code', async () => {
    const s = await scenario(standIns(), { settings: { LOCALSTACK_STANDIN_CRASH: '3' } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain('exited with code 3 before it was ready')
    expect(containerLogNote(setup.notes)).toContain('the LocalStack runtime exited unexpectedly')
    await s.lifecycle.teardown()
  })

  it('a service in state error is named, with the requested name it came from', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackServices: ['s3', 'serverless'] },
      settings: { LOCALSTACK_STANDIN_STATES: 'dynamodb=error' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toMatch(
      /^LocalStack service dynamodb \(for serverless\) is in state "error" at http:\/\/127\.0\.0\.1:\d+: it failed to start/
    )
    expect(containerLogNote(setup.notes)).toContain('error while starting service dynamodb')
    await s.lifecycle.teardown()
  })

  it('an init script that ended in ERROR fails setup with its name and stage', async () => {
    const s = await scenario(standIns(), {
      settings: { LOCALSTACK_STANDIN_INIT: 'START:tables.py=SUCCESSFUL,READY:seed-orders.sh=ERROR' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toMatch(/^LocalStack init script seed-orders\.sh \(stage READY\) ended in ERROR/)
    expect(setup.failure).toContain('/etc/localstack/init/ready.d')
    expect(containerLogNote(setup.notes)).toContain(
      "Error while running script Script(path='/etc/localstack/init/ready.d/seed-orders.sh', stage=READY, state=ERROR)"
    )
    await s.lifecycle.teardown()
  })

  it('a BOOT script in ERROR, which LocalStack reports only in its log, fails setup too', async () => {
    const s = await scenario(standIns(), { settings: { LOCALSTACK_STANDIN_INIT: 'BOOT:certs.sh=ERROR' } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toMatch(/^LocalStack init script certs\.sh \(stage BOOT\) ended in ERROR/)
    await s.lifecycle.teardown()
  })

  it('timeout: names the endpoint and what was last seen, and shows the container log', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackTimeoutSeconds: 2 },
      settings: neverListens()
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain(
      `was not ready at ${s.endpoint} after 2 s: nothing answered at ${s.endpoint}`
    )
    expect(setup.failure).toContain('raise localstack-timeout-seconds')
    expect(containerLogNote(setup.notes)).toContain('LocalStack version: 4.14.0')
    await s.lifecycle.teardown()
  })

  it("timeout in the READY stage: says that LocalStack's init scripts did not finish", async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackTimeoutSeconds: 2 },
      settings: {
        LOCALSTACK_STANDIN_INIT: 'READY:slow.sh=SUCCESSFUL',
        LOCALSTACK_STANDIN_READY_AFTER: '1000000'
      }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain("after 2 s: LocalStack's READY stage has not run yet (slow.sh UNKNOWN)")
    await s.lifecycle.teardown()
  })

  it('external and nothing answers: a bounded failure that names the endpoint', async () => {
    const s = await scenario(standIns(), { inputs: { localstack: 'external', localstackTimeoutSeconds: 1 } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBe(
      `LocalStack at ${s.endpoint} was not ready after 1 s: nothing answered at ${s.endpoint} (ECONNREFUSED). ` +
        'Check that it is started before this step and that localstack-endpoint points at it, raise ' +
        'localstack-timeout-seconds, or set localstack: auto to let the action start it.'
    )
    expect(dockerVerbs(standIns())).toEqual([])
  })

  it('auto, but the port is taken by something that is not LocalStack', async () => {
    const other = http.createServer((_req, res) => res.writeHead(404).end())
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    try {
      const port = (other.address() as net.AddressInfo).port
      const s = await scenario(standIns(), { port })
      const setup = await s.lifecycle.setup(never())
      expect(setup.failure).toContain(`${s.endpoint} already answers HTTP 404, but it is not LocalStack`)
      expect(setup.failure).toContain('set localstack-endpoint to a free port')
      expect(dockerVerbs(standIns())).toEqual([])
    } finally {
      other.closeAllConnections()
      await new Promise((resolve) => other.close(resolve))
    }
  })

  it('docker run refused: the message says why and what to do', async () => {
    const s = await scenario(standIns(), {
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

  it('an image tag that does not exist: the pull fails and says so', async () => {
    const s = await scenario(standIns(), { inputs: { localstackImage: 'localstack/localstack:4.15.0' } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain('docker pull localstack/localstack:4.15.0 failed (exit 1)')
    expect(setup.failure).toContain('manifest unknown')
  })

  it('cancel stops the wait, and the container is still removed (with a short grace)', async () => {
    const s = await scenario(standIns(), { settings: neverListens() })
    const pending = s.lifecycle.setup(never())
    await until(() => dockerVerbs(standIns()).includes('inspect'), 'the container watch')
    await s.lifecycle.cancel()
    const setup = await pending
    expect(setup.failure).toBe(`cancelled while waiting for LocalStack at ${s.endpoint}`)
    await s.lifecycle.teardown()
    expect(
      standIns()
        .calls()
        .find((argv) => argv[0] === 'stop')
    ).toEqual(['stop', '-t', '3', 'pyramid-localstack-4242-1'])
    expect(standIns().containers()).toEqual([])
  })
})

describe('without Docker', () => {
  it('says that localstack: auto needs Docker, and what to use instead', async () => {
    // bash is there, docker is not (the real client lives in /usr/local/bin, the stand-in elsewhere).
    const s = await scenario(standIns(), { baseEnv: { PATH: '/usr/bin:/bin' } })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toContain('docker pull localstack/localstack:4.14.0 failed (exit 127)')
    expect(setup.failure).toContain('localstack: auto needs Docker')
    expect(setup.failure).toContain('set localstack: external')
    expect(setup.phases).toEqual([expect.objectContaining({ name: 'pull', ok: false })])
    // docker run was never reached: nothing to remove, nothing in the state.
    expect((await s.lifecycle.teardown()).phases).toEqual([])
    expect(s.state.values.get(StateKey.LocalStackContainer)).toBeUndefined()
  })
})
