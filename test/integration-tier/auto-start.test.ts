import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { StateKey } from '../../src/app/state-keys.js'
import { createStandIns, isAlive, waitGone, type StandIns } from '../stand-ins/docker/harness.js'
import { dockerVerbs, scenario } from './scenario.js'

let standIns: StandIns
beforeEach(async () => {
  standIns = await createStandIns()
})
afterEach(async () => {
  await standIns.cleanup()
})

describe('localstack: auto', () => {
  it('starts LocalStack when nothing answers, waits for the services, then stops and removes it', async () => {
    const s = await scenario(standIns, {
      settings: { LOCALSTACK_STANDIN_START_DELAY_MS: '300', LOCALSTACK_STANDIN_STARTING_MS: '300' }
    })
    const setup = await s.lifecycle.setup(new AbortController().signal)

    expect(setup.failure).toBeUndefined()
    expect(setup.skippedReason).toBeUndefined()
    const run = standIns.calls().find((argv) => argv[0] === 'run')
    expect(run).toEqual([
      'run',
      '-d',
      '--name',
      'pyramid-localstack-4242-1',
      '-p',
      `${s.port}:4566`,
      '-e',
      'SERVICES=dynamodb,s3',
      '-v',
      '/var/run/docker.sock:/var/run/docker.sock',
      'localstack/localstack:4.14.0'
    ])
    // The container name is in the state before `docker run` is called.
    const saved = s.state.saves.find((x) => x.key === StateKey.LocalStackContainer)
    expect(saved?.value).toBe('pyramid-localstack-4242-1')
    expect(saved!.seen).toBeLessThan(dockerVerbs(standIns).indexOf('run') + 1)
    expect(setup.phases.map((p) => [p.name, p.kind, p.ok])).toEqual([
      ['pull', 'setup', true],
      ['start', 'setup', true],
      ['ready', 'setup', true]
    ])
    // Start-up delay + "starting" time: readiness cannot come before LocalStack said so.
    expect(setup.phases[2]!.durationMs).toBeGreaterThanOrEqual(500)
    expect(setup.facts).toMatchObject({
      'LocalStack version': '4.14.0',
      'LocalStack edition': 'community',
      'LocalStack endpoint': s.endpoint,
      'LocalStack image': 'localstack/localstack:4.14.0'
    })
    expect(setup.env).toMatchObject({ AWS_ENDPOINT_URL: s.endpoint, AWS_ACCESS_KEY_ID: 'test' })

    const [container] = standIns.containers()
    expect(container && isAlive(container.pid)).toBe(true)
    const down = await s.lifecycle.teardown()
    expect(down.phases).toEqual([expect.objectContaining({ name: 'remove', kind: 'teardown', ok: true })])
    expect(dockerVerbs(standIns).slice(-2)).toEqual(['stop', 'rm'])
    expect(standIns.containers()).toEqual([])
    await waitGone(container!.pid, 2000)
    expect(s.state.get(StateKey.LocalStackRemoved)).toBe('pyramid-localstack-4242-1')

    const calls = standIns.calls().length
    await s.lifecycle.teardown()
    expect(standIns.calls()).toHaveLength(calls)
  })

  it('pulls the image only when it is missing, and times the pull as its own phase', async () => {
    const first = await scenario(standIns, { settings: { DOCKER_STANDIN_PULL_MS: '250' } })
    const setup = await first.lifecycle.setup(new AbortController().signal)
    expect(dockerVerbs(standIns).slice(0, 3)).toEqual(['image', 'pull', 'run'])
    expect(setup.phases[0]).toMatchObject({ name: 'pull', ok: true })
    expect(setup.phases[0]!.durationMs).toBeGreaterThanOrEqual(250)
    await first.lifecycle.teardown()

    const second = await scenario(standIns, { settings: { DOCKER_STANDIN_PULL_MS: '250' } })
    const again = await second.lifecycle.setup(new AbortController().signal)
    expect(again.phases[0]).toMatchObject({ name: 'pull', detail: 'image already present' })
    expect(dockerVerbs(standIns).filter((v) => v === 'pull')).toHaveLength(1)
    await second.lifecycle.teardown()
  })

  it('uses a LocalStack that already answers and leaves it running', async () => {
    const s = await scenario(standIns)
    await standIns.startHealthServer(s.port, {
      SERVICES: 'dynamodb,s3',
      LOCALSTACK_STANDIN_VERSION: '4.13.1'
    })
    const setup = await s.lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toBeUndefined()
    expect(dockerVerbs(standIns)).toEqual([])
    expect(setup.facts).toMatchObject({
      LocalStack: 'already running (not started by the action)',
      'LocalStack version': '4.13.1'
    })
    const down = await s.lifecycle.teardown()
    expect(down.phases).toEqual([])
    expect(dockerVerbs(standIns)).toEqual([])
  })

  it('waits for init scripts to complete when LocalStack reports them', async () => {
    const s = await scenario(standIns, { settings: { LOCALSTACK_STANDIN_INIT_MS: '700' } })
    const setup = await s.lifecycle.setup(new AbortController().signal)
    expect(setup.failure).toBeUndefined()
    expect(setup.phases.find((p) => p.name === 'ready')!.durationMs).toBeGreaterThanOrEqual(700)
    await s.lifecycle.teardown()
  })

  it('runs integration-setup-command after readiness as a setup phase, and fails setup when it fails', async () => {
    const ok = await scenario(standIns, { inputs: { setupCommand: 'echo "seeding $AWS_ENDPOINT_URL"' } })
    const setup = await ok.lifecycle.setup(new AbortController().signal)
    expect(setup.phases.map((p) => p.name)).toEqual(['pull', 'start', 'ready', 'setup-command'])
    expect(ok.output()).toContain(`seeding ${ok.endpoint}`)
    await ok.lifecycle.teardown()

    const bad = await scenario(standIns, { inputs: { setupCommand: 'echo "table exists" >&2; exit 3' } })
    const failed = await bad.lifecycle.setup(new AbortController().signal)
    expect(failed.failure).toMatch(/integration-setup-command .* failed \(exit 3\)/)
    expect(failed.phases.at(-1)).toMatchObject({ name: 'setup-command', ok: false })
    expect(failed.notes.map((n) => n.text).join('\n')).toContain('table exists')
    await bad.lifecycle.teardown()
    expect(standIns.containers()).toEqual([])
  })

  it('notices readiness within 500 ms of LocalStack answering', async () => {
    const bound = `${standIns.dir}/bound`
    const s = await scenario(standIns, {
      settings: { LOCALSTACK_STANDIN_START_DELAY_MS: '700', LOCALSTACK_STANDIN_BOUND_FILE: bound }
    })
    const setup = await s.lifecycle.setup(new AbortController().signal)
    const noticed = performance.timeOrigin + performance.now()
    expect(setup.failure).toBeUndefined()
    const boundAt = Number(fs.readFileSync(bound, 'utf8'))
    expect(noticed - boundAt).toBeGreaterThan(0)
    expect(noticed - boundAt).toBeLessThan(500)
    await s.lifecycle.teardown()
  })
})
