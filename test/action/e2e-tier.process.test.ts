/**
 * The e2e tier through the bundled action against the CloudFormation simulator: outputs reach the e2e
 * command; a deploy that fails halfway and a stack stuck in DELETE_FAILED end with nothing left and a
 * summary that says what happened.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { STAND_IN } from '../e2e-tier/helpers.js'
import { newJob, runStep } from '../harness/simulated-runner.js'
import { freePort } from '../stand-ins/docker/harness.js'

const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }
let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ createMs: 200, deleteMs: 200 })
})
afterEach(() => sim.close())

function inputs(extra: Record<string, string> = {}) {
  return {
    tiers: 'e2e',
    'deploy-command': `node ${STAND_IN} deploy-command`,
    'stack-names': 'api',
    'aws-endpoint-url': sim.url,
    'aws-region': 'us-east-1',
    'allowed-account-ids': '123456789012',
    'e2e-command': 'echo "api=$PYRAMID_OUTPUT_ApiUrl names=$PYRAMID_STACK_NAMES"',
    comment: 'never',
    history: 'off',
    retries: '0',
    ...extra
  }
}

describe('action: e2e tier', () => {
  it('deploys, hands the outputs to the e2e command, destroys, and reports the stack', async () => {
    const job = newJob({ event: 'push', payload: pushToMain, env: credentials })
    const main = await runStep(job, 'main', { inputs: inputs() })
    expect(main.exitCode).toBe(0)
    expect(main.stdout).toContain('api=http://api.example.test names=pyr-4242-1-api')
    expect(JSON.parse(main.outputs['stack-outputs']!)).toEqual({
      'pyr-4242-1-api': { ApiUrl: 'http://api.example.test' }
    })
    expect(main.outputs['stack-names']).toBe('pyr-4242-1-api')
    expect(main.summary).toMatch(/DELETE_COMPLETE/)
    expect(main.summary).toMatch(/\*{8}9012/)
    expect(sim.model.live()).toHaveLength(0)
  })

  it('a deploy that fails halfway: the failed resource and reason are reported, the stack is destroyed', async () => {
    const job = newJob({
      event: 'push',
      payload: pushToMain,
      env: { ...credentials, STAND_IN_FAIL: 'create' }
    })
    const main = await runStep(job, 'main', { inputs: inputs() })
    expect(main.exitCode).toBe(1)
    expect(main.outputs.result).toBe('failure')
    expect(main.summary).toMatch(/Queue/)
    expect(main.summary).toMatch(/setup failed/)
    expect(sim.model.live()).toHaveLength(0)
    const post = await runStep(job, 'post', { inputs: inputs() })
    expect(post.exitCode).toBe(0)
  })

  it('DELETE_FAILED: force-deleted, the resource left behind is listed as leaked, the job fails', async () => {
    const job = newJob({
      event: 'push',
      payload: pushToMain,
      env: { ...credentials, STAND_IN_FAIL: 'delete' }
    })
    const main = await runStep(job, 'main', { inputs: inputs() })
    expect(main.exitCode).toBe(1)
    expect(main.summary).toMatch(/AWS::DynamoDB::Table/)
    expect(main.summary).toMatch(/leak|left behind/i)
    expect(sim.model.live()).toHaveLength(0)
  })

  it('a closed aws-endpoint-url port: the failure names the account check (STS) at that endpoint', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const job = newJob({ event: 'push', payload: pushToMain, env: credentials })
    const main = await runStep(job, 'main', { inputs: inputs({ 'aws-endpoint-url': closed }) })
    expect(main.exitCode).toBe(1)
    const error = main.annotations.find((a) => a.kind === 'error')?.message ?? ''
    expect(error).toContain(
      `could not reach the account check (STS GetCallerIdentity) at aws-endpoint-url ${closed}`
    )
    expect(error).toMatch(/ECONNREFUSED.*Nothing answers there: start the emulator before this step/)
    expect(main.summary).toMatch(/preflight/)
    expect(sim.requests).toHaveLength(0)
  })

  it('no credentials at all: the failure names configure-aws-credentials with id-token: write, or aws-endpoint-url', async () => {
    const job = newJob({ event: 'push', payload: pushToMain })
    // No keys, no ~/.aws, no instance metadata: the SDK's provider chain finds nothing.
    const env = { HOME: job.dir, AWS_EC2_METADATA_DISABLED: 'true' }
    const main = await runStep(job, 'main', { inputs: inputs(), env })
    expect(main.exitCode).toBe(1)
    const error = main.annotations.find((a) => a.kind === 'error')?.message ?? ''
    expect(error).toContain('has no AWS credentials for the account check (STS GetCallerIdentity)')
    expect(error).toMatch(/aws-actions\/configure-aws-credentials.*`permissions: id-token: write`/)
    expect(error).toMatch(/against an emulator, set aws-endpoint-url and any credentials/)
    expect(sim.model.stacks).toHaveLength(0)
  })

  it('refuses an account that is not allowed before deploying anything', async () => {
    const job = newJob({ event: 'push', payload: pushToMain, env: credentials })
    const main = await runStep(job, 'main', { inputs: inputs({ 'allowed-account-ids': '111111111111' }) })
    expect(main.exitCode).toBe(1)
    expect(main.summary).toMatch(/allowed-account-ids/)
    expect(sim.model.stacks).toHaveLength(0)
  })
})
