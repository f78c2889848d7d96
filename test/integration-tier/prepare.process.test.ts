/**
 * The integration lifecycle split into its phases: prepare starts LocalStack (pull, start, ready — the
 * same readiness rules as a setup in one piece), setup then only runs integration-setup-command, and a
 * preparation torn down without its tests (a lower tier failed) removes the container it started.
 */
import { describe, expect, it } from '@jest/globals'
import { StateKey } from '../../src/app/state-keys.js'
import { standInsPerTest } from '../stand-ins/docker/per-test.js'
import { dockerVerbs, scenario } from './scenario.js'

const standIns = standInsPerTest()

const never = () => new AbortController().signal

describe('integration prepare', () => {
  it('prepare starts LocalStack and waits until it is ready; setup runs only the setup command', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackServices: ['dynamodb'], setupCommand: 'echo setting-up' }
    })
    const prepared = await s.lifecycle.prepare!('free', never())
    expect(prepared.failure).toBeUndefined()
    expect(prepared.phases.map((p) => [p.name, p.ok])).toEqual([
      ['pull', true],
      ['start', true],
      ['ready', true]
    ])
    expect(prepared.phases.every((p) => typeof p.startedAt === 'number')).toBe(true)
    expect(s.output()).not.toContain('setting-up')
    const verbs = dockerVerbs(standIns()).length

    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(setup.phases.map((p) => p.name)).toEqual(['setup-command'])
    expect(s.output()).toContain('setting-up')
    expect(setup.env).toMatchObject({ AWS_ENDPOINT_URL: s.endpoint })
    // LocalStack was not started again.
    expect(dockerVerbs(standIns()).slice(verbs)).not.toContain('run')
    await s.lifecycle.teardown()
  })

  it('torn down without setup, it removes the container it started', async () => {
    const s = await scenario(standIns())
    expect((await s.lifecycle.prepare!('free', never())).failure).toBeUndefined()
    const name = s.state.saves.find((x) => x.key === StateKey.LocalStackContainer)?.value
    expect(name).toBe('pyramid-localstack-4242-1')
    expect(
      standIns()
        .containers()
        .map((c) => [c.name, c.status])
    ).toEqual([[name, 'running']])
    const down = await s.lifecycle.teardown()
    expect(down.phases.map((p) => [p.name, p.ok])).toEqual([['remove', true]])
    expect(standIns().containers()).toEqual([])
    expect(s.state.saves.find((x) => x.key === StateKey.LocalStackRemoved)?.value).toBe(name)
  })

  it('a failed preparation says why, and teardown still removes what `docker run` may have left', async () => {
    const s = await scenario(standIns(), {
      settings: { DOCKER_STANDIN_FAIL_RUN: 'docker: port is already allocated.' }
    })
    const prepared = await s.lifecycle.prepare!('free', never())
    expect(prepared.failure).toContain('docker run localstack/localstack:4.14.0 failed (exit 125)')
    const down = await s.lifecycle.teardown()
    expect(down.phases.map((p) => p.name)).toEqual(['remove'])
  })
})
