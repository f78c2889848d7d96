/**
 * The reusable workflow's split e2e (prepare: eager) through the bundle, on the CloudFormation simulator:
 * an e2e-deploy job (mode deploy) deploys and hands its stacks over (its post leaves them), an e2e job
 * (e2e-stacks: handed-over) tests them without deploying or destroying, and the cleanup job (mode cleanup)
 * destroys them. A deploy-ahead job stopped mid-deploy hands nothing over: its post destroys. Each job is
 * its own simulated runner job (its own saved state), as on GitHub.
 */
import { describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { STAND_IN, simulatorPerTest } from '../e2e-tier/helpers.js'
import { killTree, stopStep } from '../harness/runner-cancel.js'
import { newJob, runStep } from '../harness/simulated-runner.js'

const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }
const sim = simulatorPerTest({ createMs: 400, deleteMs: 100 })

function inputs(extra: Record<string, string> = {}) {
  return {
    tiers: 'e2e',
    'deploy-command': `node ${STAND_IN} deploy-command`,
    'stack-names': 'api,db',
    'aws-endpoint-url': sim().url,
    'aws-region': 'us-east-1',
    'allowed-account-ids': '123456789012',
    'e2e-command':
      'echo "api=$PYRAMID_OUTPUT_ApiUrl names=$PYRAMID_STACK_NAMES"; test -n "$PYRAMID_OUTPUT_ApiUrl"; cat "$PYRAMID_OUTPUTS_FILE"',
    comment: 'never',
    history: 'off',
    retries: '0',
    ...extra
  }
}

const job = () => newJob({ event: 'push', payload: pushToMain, env: credentials })
const deployJob = () => inputs({ mode: 'deploy', prepare: 'eager' })
const testJob = () => inputs({ 'e2e-stacks': 'handed-over', prepare: 'eager' })
const cleanupJob = () => inputs({ mode: 'cleanup', prepare: 'eager' })
const live = () =>
  sim()
    .model.live()
    .map((s) => s.name)
    .sort()
const names = ['pyr-4242-1-api', 'pyr-4242-1-db']

describe('action: e2e deployed ahead and handed over (mode deploy, e2e-stacks: handed-over, mode cleanup)', () => {
  it('deploy hands over (live after its post), the test job tests them, cleanup destroys them', async () => {
    const deployer = job()
    const deployed = await runStep(deployer, 'main', { inputs: deployJob() })
    expect(deployed.exitCode).toBe(0)
    expect(deployed.outputs['stack-names']).toBe(names.join(','))
    expect(deployed.state['stacks-handed-over']).toBe('true')
    expect(deployed.summary).toContain('handed over')
    const post = await runStep(deployer, 'post', { inputs: deployJob() })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('were handed over (mode deploy)')
    expect(live()).toEqual(names)

    const tester = job()
    const tested = await runStep(tester, 'main', { inputs: testJob() })
    expect(tested.exitCode).toBe(0)
    expect(tested.stdout).toContain(`api=http://api.example.test names=${names.join(',')}`)
    expect(tested.stdout).toContain('"pyr-4242-1-api"')
    expect(tested.stdout).not.toContain('::group::Deploying')
    expect(tested.outputs.result).toBe('success')
    expect(tested.state.stacks).toBeUndefined()
    expect((await runStep(tester, 'post', { inputs: testJob() })).exitCode).toBe(0)
    expect(live()).toEqual(names)
    const creates = sim().requests.filter((r) => /CreateStack|CreateChangeSet/.test(r.action))
    const deletes = sim().requests.filter((r) => r.action === 'DeleteStack')
    expect(deletes).toHaveLength(0)

    const cleanup = await runStep(job(), 'main', { inputs: cleanupJob() })
    expect(cleanup.exitCode).toBe(0)
    expect(cleanup.summary).toContain('DELETE_COMPLETE')
    expect(live()).toEqual([])
    expect(sim().requests.filter((r) => /CreateStack|CreateChangeSet/.test(r.action))).toEqual(creates)
  })

  it('the test job with nothing handed over fails, saying so, and deploys nothing', async () => {
    const tester = job()
    const tested = await runStep(tester, 'main', { inputs: testJob() })
    expect(tested.exitCode).toBe(1)
    expect(tested.summary + tested.stdout).toContain('No stacks of run 4242, instance root, were handed over')
    expect(tested.stdout).not.toContain('api=')
    expect(sim().model.stacks).toHaveLength(0)
  })

  it('hand-over complete but a lower tier failed (no e2e job): cleanup destroys and says they were deployed ahead', async () => {
    const deployer = job()
    expect((await runStep(deployer, 'main', { inputs: deployJob() })).exitCode).toBe(0)
    expect((await runStep(deployer, 'post', { inputs: deployJob() })).exitCode).toBe(0)
    expect(live()).toEqual(names)
    const cleanup = await runStep(job(), 'main', { inputs: cleanupJob() })
    expect(cleanup.exitCode).toBe(0)
    expect(cleanup.summary).toContain('Deployed ahead (prepare: eager) and handed over')
    expect(live()).toEqual([])
  })

  it("a re-run's test job tests only its own attempt's stacks, not an earlier attempt's left live", async () => {
    const attempt = (n: number) =>
      newJob({ event: 'push', payload: pushToMain, env: { ...credentials, GITHUB_RUN_ATTEMPT: String(n) } })
    const first = attempt(1)
    expect((await runStep(first, 'main', { inputs: deployJob() })).exitCode).toBe(0)
    expect((await runStep(first, 'post', { inputs: deployJob() })).exitCode).toBe(0)
    const second = attempt(2)
    expect((await runStep(second, 'main', { inputs: deployJob() })).exitCode).toBe(0)
    const tested = await runStep(attempt(2), 'main', { inputs: testJob() })
    expect(tested.exitCode).toBe(0)
    expect(tested.stdout).toContain('names=pyr-4242-2-api,pyr-4242-2-db\n')
    expect((await runStep(attempt(2), 'main', { inputs: cleanupJob() })).exitCode).toBe(0)
    expect(live()).toEqual([])
  })

  it('a plan without e2e deploys nothing ahead', async () => {
    const deployed = await runStep(job(), 'main', { inputs: { ...deployJob(), tiers: 'unit' } })
    expect(deployed.exitCode).toBe(0)
    expect(deployed.summary).toContain('Nothing deployed')
    expect(sim().model.stacks).toHaveLength(0)
  })

  for (const mode of ['kill', 'cancel'] as const) {
    it(`a deploy-ahead job stopped mid-deploy (${mode}) hands nothing over: its post destroys`, async () => {
      const deployer = job()
      let child: ChildProcess | undefined
      let deploying: () => void = () => undefined
      const midDeploy = new Promise<void>((resolve) => (deploying = resolve))
      const running = runStep(deployer, 'main', {
        inputs: deployJob(),
        onSpawn: (c) => {
          child = c
          const poll = setInterval(() => {
            if (
              sim()
                .model.live()
                .some((s) => s.status === 'CREATE_IN_PROGRESS')
            ) {
              clearInterval(poll)
              deploying()
            }
          }, 20)
          c.on('close', () => clearInterval(poll))
        }
      })
      await Promise.race([midDeploy, running])
      expect(
        sim()
          .model.live()
          .some((s) => s.status === 'CREATE_IN_PROGRESS')
      ).toBe(true)
      if (mode === 'kill') killTree(child!.pid!)
      else await stopStep(child!, running, 'cancel', { term: 750, kill: 250 })
      const main = await running
      expect(main.exitCode).not.toBe(0)
      expect(deployer.state['stacks-handed-over']).toBeUndefined()
      expect(JSON.parse(deployer.state.stacks!)).toEqual(names)
      const post = await runStep(deployer, 'post', { inputs: deployJob() })
      expect(post.exitCode).toBe(0)
      expect(live()).toEqual([])
    })
  }
})
