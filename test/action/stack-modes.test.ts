/**
 * mode: janitor and mode: cleanup through the bundled action against the CloudFormation simulator:
 * what they remove, what they leave and why, in the summary and the outputs.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { stackTags } from '../../src/core/stacks/tags.js'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { runContext } from '../e2e-tier/helpers.js'
import { newJob, runStep } from '../harness/simulated-runner.js'

const T = { Resources: { Q: { Type: 'AWS::SQS::Queue' } } }
const HOUR = 3_600_000
const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }
const schedule = {
  schedule: '0 * * * *',
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ createMs: 20, deleteMs: 50 })
})
afterEach(() => sim.close())

async function fleet() {
  const mine = (runId: string, ageHours: number) =>
    stackTags(runContext({ repository: 'octo-org/orders', runId }), Date.now() - ageHours * HOUR, 60)
  return {
    expired: await sim.seed('pyr-1-1-api', T, mine('1', 3)),
    fresh: await sim.seed('pyr-2-1-api', T, mine('2', 0)),
    foreign: await sim.seed(
      'pyr-3-1-api',
      T,
      stackTags(runContext({ repository: 'someone/else', runId: '3' }), Date.now() - 3 * HOUR, 60)
    ),
    untagged: await sim.seed('pyr-4-1-api', T, {})
  }
}

describe('action: janitor and cleanup modes', () => {
  it('janitor dry-run lists the expired stack and deletes nothing', async () => {
    const f = await fleet()
    const job = newJob({ event: 'schedule', payload: schedule, env: credentials })
    const r = await runStep(job, 'main', {
      inputs: { mode: 'janitor', 'dry-run': 'true', 'aws-region': 'us-east-1', 'aws-endpoint-url': sim.url }
    })
    expect(r.exitCode).toBe(0)
    expect(r.summary).toMatch(/dry run/i)
    expect(r.summary).toContain('pyr-1-1-api')
    expect(Object.values(f).map((s) => s.status)).toEqual(Array(4).fill('CREATE_COMPLETE'))
  })

  it('janitor deletes only this repository’s expired ephemeral stacks', async () => {
    const f = await fleet()
    const job = newJob({ event: 'schedule', payload: schedule, env: credentials })
    const r = await runStep(job, 'main', {
      inputs: { mode: 'janitor', 'aws-region': 'us-east-1', 'aws-endpoint-url': sim.url }
    })
    expect(r.exitCode).toBe(0)
    expect(r.outputs['stack-names']).toBe('pyr-1-1-api')
    expect([f.expired.status, f.fresh.status, f.foreign.status, f.untagged.status]).toEqual([
      'DELETE_COMPLETE',
      'CREATE_COMPLETE',
      'CREATE_COMPLETE',
      'CREATE_COMPLETE'
    ])
    expect(r.summary).toMatch(/not expired/)
  })

  it('cleanup destroys the stacks tagged with this run, from a job that shares no state with e2e', async () => {
    const f = await fleet()
    const job = newJob({ event: 'push', payload: schedule, env: { ...credentials, GITHUB_RUN_ID: '2' } })
    const r = await runStep(job, 'main', {
      inputs: { mode: 'cleanup', 'aws-region': 'us-east-1', 'aws-endpoint-url': sim.url }
    })
    expect(r.exitCode).toBe(0)
    expect(f.fresh.status).toBe('DELETE_COMPLETE')
    expect(f.expired.status).toBe('CREATE_COMPLETE')
    expect(r.summary).toContain('pyr-2-1-api')
  })

  it('says which input is missing when no region is known', async () => {
    const job = newJob({ event: 'schedule', payload: schedule, env: credentials })
    const r = await runStep(job, 'main', { inputs: { mode: 'janitor', 'aws-endpoint-url': sim.url } })
    expect(r.exitCode).toBe(1)
    expect(r.annotations.find((a) => a.kind === 'error')?.message).toMatch(/aws-region/)
  })
})
