/**
 * What the code under test sees, through the bundled action: every command the action starts (unit,
 * integration with LocalStack, the e2e deploy-command and the e2e command) dumps its environment to a file,
 * and none holds the runner's secrets meant for the action — its inputs (the github-token among them), the
 * runtime token or the OIDC request URL and token. The integration tier also cannot reach the instance
 * metadata service; the deploy and the e2e tests keep the job's AWS credentials.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { createStandIns, freePort, type StandIns } from '../stand-ins/docker/harness.js'
import { STAND_IN } from '../e2e-tier/helpers.js'
import { newJob, runStep } from '../harness/simulated-runner.js'

const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
/** What the runner puts in the action's environment (FACTS: GitHub Actions), with recognisable values. */
const RUNNER_SECRETS = {
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-value',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/oidc?audience=x',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-value'
}
const JOB_AWS = { AWS_ACCESS_KEY_ID: 'AKIAJOBCREDENTIALS', AWS_SECRET_ACCESS_KEY: 'job-secret' }
const TOKEN = 'ghs_theGithubTokenOfTheJob'

let standIns: StandIns | undefined
let sim: Simulator | undefined
afterEach(async () => {
  await standIns?.cleanup()
  standIns = undefined
  await sim?.close()
  sim = undefined
})

/** A command that writes its whole environment as JSON to $DUMP_DIR/<name>.json (then runs `then`). */
function dump(name: string, then = ''): string {
  const write = `require('fs').writeFileSync(process.env.DUMP_DIR + '/${name}.json', JSON.stringify(process.env))`
  return `node -e "${write}"${then ? ` && ${then}` : ''}`
}

function read(dir: string, name: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Record<string, string>
}

/** The names a command must never see, and a check that no value of them leaked under another name. */
function expectNoRunnerSecrets(env: Record<string, string>): void {
  const leaked = Object.keys(env).filter(
    (k) => k.startsWith('INPUT_') || k in RUNNER_SECRETS || k.startsWith('ACTIONS_ID_TOKEN_REQUEST')
  )
  expect(leaked).toEqual([])
  const values = Object.values(env).join('\n')
  for (const secret of [TOKEN, ...Object.values(RUNNER_SECRETS)]) expect(values).not.toContain(secret)
}

function job(extra: Record<string, string> = {}) {
  const dumps = mkdtempSync(path.join(os.tmpdir(), 'pyr-env-dump-'))
  const j = newJob({
    event: 'push',
    payload: pushToMain,
    env: { ...RUNNER_SECRETS, ...JOB_AWS, DUMP_DIR: dumps, ...extra }
  })
  return { job: j, dumps }
}
const common = { comment: 'never', history: 'off', retries: '0', 'github-token': TOKEN }

describe('action: what the commands under test get from the runner', () => {
  it('unit: no inputs, no runtime token, no OIDC request variables', async () => {
    const { job: j, dumps } = job()
    const r = await runStep(j, 'main', { inputs: { ...common, tiers: 'unit', 'unit-command': dump('unit') } })
    expect(r.exitCode).toBe(0)
    const env = read(dumps, 'unit')
    expectNoRunnerSecrets(env)
    expect(env.PYRAMID_TIER).toBe('unit')
    expect(env.AWS_ACCESS_KEY_ID).toBe(JOB_AWS.AWS_ACCESS_KEY_ID) // the job's own env is left alone
  })

  it('integration: also no instance metadata service and no real credentials', async () => {
    standIns = await createStandIns()
    const port = await freePort()
    const { job: j, dumps } = job(standIns.env() as Record<string, string>)
    const r = await runStep(j, 'main', {
      inputs: {
        ...common,
        tiers: 'integration',
        'localstack-endpoint': `http://127.0.0.1:${port}`,
        'localstack-timeout-seconds': '20',
        'integration-setup-command': dump('setup'),
        'integration-command': dump('integration')
      }
    })
    expect(r.exitCode).toBe(0)
    for (const name of ['setup', 'integration']) {
      const env = read(dumps, name)
      expectNoRunnerSecrets(env)
      expect(env.AWS_EC2_METADATA_DISABLED).toBe('true')
      expect(env.AWS_ACCESS_KEY_ID).toBe('test')
    }
  })

  it('e2e: the deploy has the job’s AWS credentials, the tests get its outputs, neither the runner’s secrets', async () => {
    sim = await startSimulator({ createMs: 50, deleteMs: 50 })
    const { job: j, dumps } = job()
    const r = await runStep(j, 'main', {
      inputs: {
        ...common,
        tiers: 'e2e',
        'deploy-command': dump('deploy', `node ${STAND_IN} deploy-command`),
        'stack-names': 'api',
        'aws-endpoint-url': sim.url,
        'aws-region': 'us-east-1',
        'e2e-command': dump('e2e')
      }
    })
    expect(r.exitCode).toBe(0)
    const deploy = read(dumps, 'deploy')
    const tests = read(dumps, 'e2e')
    expectNoRunnerSecrets(deploy)
    expectNoRunnerSecrets(tests)
    expect(deploy.AWS_ACCESS_KEY_ID).toBe(JOB_AWS.AWS_ACCESS_KEY_ID)
    expect(deploy.PYRAMID_STACK_NAMES).toBe('pyr-4242-1-api')
    expect(tests.AWS_ACCESS_KEY_ID).toBe(JOB_AWS.AWS_ACCESS_KEY_ID)
    expect(tests.PYRAMID_OUTPUT_ApiUrl).toBe('http://api.example.test')
    expect(sim.model.live()).toHaveLength(0)
  })
})
