/**
 * The integration tier through the bundled action (dist/main, dist/post under the simulated runner), with
 * the `docker` stand-in on PATH and the LocalStack stand-in behind it: LocalStack is started with the
 * requested services loaded, waited for until they run, used and removed with the Lambda containers it
 * started — by main, or by post after a killed main.
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

async function setup(settings: Record<string, string> = {}) {
  standIns = await createStandIns()
  const port = await freePort()
  const inputs = {
    tiers: 'integration',
    comment: 'never',
    history: 'off',
    retries: '0',
    'localstack-endpoint': `http://127.0.0.1:${port}`,
    'localstack-services': 'dynamodb,s3',
    'localstack-timeout-seconds': '60'
  }
  const env = standIns.env(settings) as Record<string, string>
  return { standIns, inputs, env }
}

/**
 * An integration command that prints what the tests meet (each service's state) and invokes a Lambda
 * function, so that LocalStack starts a container for it, as a real test of a Lambda would.
 */
const probeAndInvoke = (services: string[]) =>
  `node --input-type=module -e '${[
    'const u = process.env.AWS_ENDPOINT_URL',
    'const h = await (await fetch(u + "/_localstack/health")).json()',
    `console.log("states:", ${JSON.stringify(services)}.map((s) => s + "=" + h.services[s]).join(" "))`,
    'await fetch(u + "/2015-03-31/functions/orders/invocations", { method: "POST", body: "{}" })',
    // Printed as two halves: the echoed command line must not contain the marker itself.
    'console.log("integration" + "-started")'
  ].join(';')}'`

const left = (s: StandIns) => s.containers().map((c) => c.name)

describe('action: integration tier with LocalStack', () => {
  it('accepts a composite service list, waits until every service runs, and leaves no container behind', async () => {
    // A shutdown cut short: LocalStack leaves its Lambda containers, the action removes them.
    const { standIns, inputs, env } = await setup({ LOCALSTACK_STANDIN_LAMBDA_SHUTDOWN: 'leave' })
    const job = newJob({
      event: 'push',
      payload: pushToMain,
      env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: 'real-session' }
    })
    const expanded = [
      'apigateway',
      'cloudformation',
      'dynamodb',
      'dynamodbstreams',
      'kinesis',
      'lambda',
      'sqs'
    ]
    const main = await runStep(job, 'main', {
      inputs: {
        ...inputs,
        'localstack-services': 'Serverless,sqs:4576',
        'integration-command': `${probeAndInvoke(expanded)} && echo "key=$AWS_ACCESS_KEY_ID token=\${AWS_SESSION_TOKEN:-none}"`
      },
      env
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.result).toBe('success')
    expect(main.stdout).toContain(`states: ${expanded.map((s) => `${s}=running`).join(' ')}`)
    expect(main.stdout).toContain('key=test token=none')
    expect(standIns.localstackCalls().map((c) => c.slice(0, 4))).toContainEqual([
      'run',
      '-d',
      '--name',
      'pyramid-localstack-4242-1-lambda-orders-1'
    ])
    expect(left(standIns)).toEqual([])
    expect(standIns.volumes()).toEqual([])
    expect(main.summary).toMatch(/LocalStack/)
  })

  it('post removes the container and the Lambda containers that a killed main left running', async () => {
    const { standIns, inputs, env } = await setup({ LOCALSTACK_STANDIN_LAMBDA_SHUTDOWN: 'leave' })
    const job = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(job, 'main', {
      inputs: {
        ...inputs,
        'localstack-services': 'lambda',
        'integration-command': `${probeAndInvoke(['lambda'])}; sleep 60`
      },
      env,
      onSpawn: (child) =>
        child.stdout?.on('data', (d: Buffer) => {
          if (d.toString().includes('integration-started')) child.kill('SIGKILL')
        })
    })
    expect(main.signal).toBe('SIGKILL')
    expect(left(standIns).sort()).toEqual([
      'pyramid-localstack-4242-1',
      'pyramid-localstack-4242-1-lambda-orders-1'
    ])
    expect(job.state['localstack-container']).toBe('pyramid-localstack-4242-1')
    const pids = standIns.containers().map((c) => c.pid)

    const post = await runStep(job, 'post', { inputs, env })
    expect(post.exitCode).toBe(0)
    expect(left(standIns)).toEqual([])
    expect(standIns.volumes()).toEqual([])
    for (const pid of pids) await waitGone(pid, 3000)
    expect(pids.some(isAlive)).toBe(false)
  })

  it('fails setup when an init script ended in ERROR, naming the script and its stage', async () => {
    const { inputs, env } = await setup({
      LOCALSTACK_STANDIN_INIT: 'READY:create-tables.sh=SUCCESSFUL,READY:seed-orders.sh=ERROR'
    })
    const job = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(job, 'main', {
      inputs: { ...inputs, 'integration-command': 'echo the-tests-ran' },
      env
    })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).not.toContain('the-tests-ran')
    const failure = main.annotations.find((a) => a.kind === 'error' && !a.props.file)
    expect(failure?.message).toContain('LocalStack init script seed-orders.sh (stage READY) ended in ERROR')
    expect(main.summary).toContain('seed-orders.sh (stage READY)')
  })

  it('runs the tier on a fork pull request with the free floating tag 4.14', async () => {
    const { standIns, inputs, env } = await setup()
    const job = newJob({
      event: 'pull_request',
      payload: {
        number: 7,
        pull_request: {
          number: 7,
          head: { ref: 'feature', sha: 'f'.repeat(40), repo: { full_name: 'someone/orders', fork: true } },
          base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'octo-org/orders' } }
        },
        repository: { full_name: 'octo-org/orders', default_branch: 'main' }
      }
    })
    const main = await runStep(job, 'main', {
      inputs: {
        ...inputs,
        tiers: 'auto',
        'unit-command': 'true',
        'localstack-image': 'localstack/localstack:4.14',
        'integration-command': 'echo integration-ran-on-the-fork'
      },
      env
    })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('integration-ran-on-the-fork')
    expect(main.outputs.tiers).toBe('unit,integration')
    expect(
      standIns
        .calls()
        .find((c) => c[0] === 'run')
        ?.at(-1)
    ).toBe('localstack/localstack:4.14')
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
