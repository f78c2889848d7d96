/**
 * The next tier starts beside the lower tier's teardown, through the bundle: integration (LocalStack
 * through the docker stand-in) then e2e (deploy-command on the CloudFormation simulator), prepare auto.
 * The docker stand-in holds LocalStack's `docker stop` until a gate file exists, and only the e2e command
 * opens that gate: the e2e tests can only run, and the job only end cleanly, if e2e started while the
 * integration teardown was still under way. Order of events, not time: the gate's own 60 s way out
 * (a `.timed-out` file) is what an engine that waited for the teardown would hit, and the test fails on it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { createStandIns, freePort, type StandIns } from '../stand-ins/docker/harness.js'
import { STAND_IN } from '../e2e-tier/helpers.js'
import { newJob, runStep } from '../harness/simulated-runner.js'

let sim: Simulator
let standIns: StandIns
beforeAll(async () => {
  sim = await startSimulator({ createMs: 50, deleteMs: 50 })
  standIns = await createStandIns()
})
afterAll(async () => {
  await sim.close()
  await standIns.cleanup()
})

/** The gantt bars of one tier's section of the summary: [label, start, end]. */
function ganttBars(summary: string, tier: string): [string, number, number][] {
  const lines = summary.split('\n')
  const from = lines.findIndex((l) => l.trim() === `section ${tier}`)
  if (from < 0) return []
  const out: [string, number, number][] = []
  for (const line of lines.slice(from + 1)) {
    const m = /^\s+(.+?) :(?:[a-z]+, )*(\d+), (\d+)$/.exec(line)
    if (!m) break
    out.push([m[1]!, Number(m[2]), Number(m[3])])
  }
  return out
}

describe('the bundle starts the next tier beside the lower tier’s teardown', () => {
  it('e2e runs while LocalStack is still being stopped; the job waits for the removal and passes', async () => {
    const runId = 8101
    const port = await freePort()
    const job = newJob({
      event: 'push',
      payload: {
        ref: 'refs/heads/main',
        deleted: false,
        repository: { full_name: 'octo-org/orders', default_branch: 'main' }
      },
      env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', GITHUB_RUN_ID: String(runId) }
    })
    const gate = path.join(job.dir, 'stop-gate')
    const env = standIns.env({ DOCKER_STANDIN_STOP_GATE: gate }) as Record<string, string>
    const inputs = {
      tiers: 'integration,e2e',
      prepare: 'auto',
      'integration-command': 'echo integration-done',
      'localstack-endpoint': `http://127.0.0.1:${port}`,
      'localstack-timeout-seconds': '60',
      'deploy-command': `node ${STAND_IN} deploy-command`,
      'stack-names': 'api',
      'aws-endpoint-url': sim.url,
      'aws-region': 'us-east-1',
      // Says whether LocalStack's stop was still held when the e2e tests ran, then lets it go on.
      'e2e-command': `if [ -e '${gate}.pending' ] && [ ! -e '${gate}' ]; then echo e2e-beside-teardown; fi; touch '${gate}'`,
      comment: 'never',
      history: 'off',
      retries: '0'
    }
    const main = await runStep(job, 'main', { inputs, env })
    const post = await runStep(job, 'post', { inputs, env })

    expect(existsSync(`${gate}.timed-out`)).toBe(false)
    expect(main.stdout).toContain('e2e-beside-teardown')
    expect({ exit: main.exitCode, result: main.outputs.result }).toEqual({ exit: 0, result: 'success' })
    expect(post.exitCode).toBe(0)
    // The job waited for the removal: nothing of the run is left once main ended.
    expect(standIns.containers().filter((c) => c.name.includes(`-${runId}-`))).toEqual([])
    expect(sim.model.live().filter((s) => s.name.startsWith(`pyr-${runId}-`))).toEqual([])
    // The timeline draws the integration teardown beside the e2e tier.
    const teardown = ganttBars(main.summary, 'integration').at(-1)!
    const e2eTests = ganttBars(main.summary, 'e2e').find(([label]) => label.startsWith('tests'))!
    expect(teardown[0]).not.toMatch(/^tests/)
    expect(e2eTests[1]).toBeLessThan(teardown[2])
  }, 120_000)
})
