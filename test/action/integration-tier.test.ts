/**
 * The integration tier through the bundled action, with the `docker` stand-in on PATH: LocalStack is
 * started, waited for, used and removed by main; after a main killed mid-test, post removes it.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { createStandIns, freePort, isAlive, waitGone, type StandIns } from '../stand-ins/docker/harness.js'
import { newJob, runStep } from '../harness/simulated-runner.js'

const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
let standIns: StandIns | undefined

afterEach(async () => {
  await standIns?.cleanup()
  standIns = undefined
})

async function setup() {
  standIns = await createStandIns()
  const port = await freePort()
  const inputs = {
    tiers: 'integration',
    comment: 'never',
    history: 'off',
    retries: '0',
    'localstack-endpoint': `http://127.0.0.1:${port}`,
    'localstack-services': 'dynamodb,s3',
    'localstack-timeout-seconds': '20'
  }
  const env = standIns.env({ LOCALSTACK_STANDIN_START_DELAY_MS: '300' }) as Record<string, string>
  return { standIns, inputs, env }
}

describe('action: integration tier with LocalStack', () => {
  it('starts LocalStack, gives the command the isolated environment, and removes the container', async () => {
    const { standIns, inputs, env } = await setup()
    const job = newJob({
      event: 'push',
      payload: pushToMain,
      env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: 'real-session' }
    })
    const main = await runStep(job, 'main', {
      inputs: {
        ...inputs,
        'integration-command':
          'echo "key=$AWS_ACCESS_KEY_ID token=${AWS_SESSION_TOKEN:-none} url=$AWS_ENDPOINT_URL"'
      },
      env
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.result).toBe('success')
    expect(main.stdout).toContain(`key=test token=none url=${inputs['localstack-endpoint']}`)
    const verbs = standIns.calls().map((c) => c[0])
    expect(verbs).toContain('run')
    expect(verbs).toContain('rm')
    expect(standIns.containers().filter((c) => c.status === 'running' && isAlive(c.pid))).toEqual([])
    expect(main.summary).toMatch(/LocalStack/)
  })

  it('post removes the container that a killed main left running', async () => {
    const { standIns, inputs, env } = await setup()
    const job = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(job, 'main', {
      inputs: { ...inputs, 'integration-command': 'echo integration-started; sleep 60' },
      env,
      onSpawn: (child) =>
        child.stdout?.on('data', (d: Buffer) => {
          if (d.toString().includes('integration-started')) child.kill('SIGKILL')
        })
    })
    expect(main.signal).toBe('SIGKILL')
    const running = standIns.containers().filter((c) => c.status === 'running' && isAlive(c.pid))
    expect(running).toHaveLength(1)
    expect(job.state['localstack-container']).toBe(running[0]!.name)

    const post = await runStep(job, 'post', { inputs, env })
    expect(post.exitCode).toBe(0)
    await waitGone(running[0]!.pid, 3000)
    expect(standIns.calls().filter((c) => c[0] === 'rm').length).toBeGreaterThan(0)
  })

  it('explains exit 55: the image needs an auth token, and which tag starts without one', async () => {
    const { inputs, env } = await setup()
    const job = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(job, 'main', {
      inputs: {
        ...inputs,
        'localstack-image': 'localstack/localstack:latest',
        'integration-command': 'true'
      },
      env
    })
    expect(main.exitCode).toBe(1)
    expect(main.summary).toMatch(/LOCALSTACK_AUTH_TOKEN/)
    expect(main.summary).toMatch(/4\.14\.0/)
    const failure = main.annotations.find((a) => a.kind === 'error' && !a.props.file)
    expect(failure?.message).toMatch(/localstack-auth-token/)
  })
})
