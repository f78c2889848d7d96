/**
 * mode: janitor and mode: cleanup through the bundled action against the CloudFormation simulator:
 * what they remove, what they leave and why, in the summary and the outputs.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runPrefix } from '../../src/core/stacks/naming.js'
import { stackTags } from '../../src/core/stacks/tags.js'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { runContext, STAND_IN } from '../e2e-tier/helpers.js'
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
    stackTags(runContext({ repository: 'octo-org/orders', runId }), 'root', Date.now() - ageHours * HOUR, 60)
  return {
    expired: await sim.seed('pyr-1-1-api', T, mine('1', 3)),
    fresh: await sim.seed('pyr-2-1-api', T, mine('2', 0)),
    foreign: await sim.seed(
      'pyr-3-1-api',
      T,
      stackTags(runContext({ repository: 'someone/else', runId: '3' }), 'root', Date.now() - 3 * HOUR, 60)
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
    expect(r.outputs['stack-names']).toBe('pyr-1-1-api') // what it would delete
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

  it.each([
    ['cleanup', { mode: 'cleanup' }],
    ['janitor', { mode: 'janitor' }]
  ])('%s refuses a forbidden account and touches nothing', async (_mode, mode) => {
    const f = await fleet()
    const job = newJob({ event: 'schedule', payload: schedule, env: { ...credentials, GITHUB_RUN_ID: '1' } })
    const r = await runStep(job, 'main', {
      inputs: {
        ...mode,
        'aws-region': 'us-east-1',
        'aws-endpoint-url': sim.url,
        'forbidden-account-ids': '123456789012'
      }
    })
    expect(r.exitCode).toBe(1)
    expect(r.annotations.find((a) => a.kind === 'error')?.message).toMatch(
      /\*{8}9012 is listed in forbidden-account-ids/
    )
    expect(Object.values(f).map((s) => s.status)).toEqual(Array(4).fill('CREATE_COMPLETE'))
    expect(sim.requests.map((q) => q.action)).not.toContain('DeleteStack')
  })
})

describe('action: two calls of the pyramid in one run (instances)', () => {
  it("call a's cleanup leaves call b's stack alone while b's e2e tests run, then cleans up its own", async () => {
    const run = { ...credentials, GITHUB_RUN_ID: '4242' }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-two-calls-'))
    const go = path.join(dir, 'go')
    // what call a's e2e job left behind (say it was killed): named and tagged as its e2e tier names and tags
    const aName = `${runPrefix('pyr', 'a', '4242', 1)}-api`
    const aStack = await sim.seed(
      aName,
      T,
      stackTags(runContext({ repository: 'octo-org/orders', runId: '4242' }), 'a', Date.now(), 60)
    )
    // call b deploys for real through the bundle; its e2e command waits until the test says go
    const waitForGo = `node -e "const f='${go}';(function w(){require('fs').existsSync(f)?process.exit(0):setTimeout(w,20)})()"`
    const b = runStep(newJob({ event: 'push', payload: schedule, env: run }), 'main', {
      inputs: {
        tiers: 'e2e',
        instance: 'b',
        comment: 'never',
        history: 'off',
        retries: '0',
        'deploy-command': `node ${STAND_IN} deploy-command`,
        'stack-names': 'api',
        'aws-endpoint-url': sim.url,
        'aws-region': 'us-east-1',
        'e2e-command': waitForGo
      }
    })
    let bSettled = false
    void b.finally(() => (bSettled = true))
    const bName = `${runPrefix('pyr', 'b', '4242', 1)}-api`
    while (!sim.model.live().some((s) => s.name === bName && s.status === 'CREATE_COMPLETE')) {
      if (bSettled) break // b failed before its stack was up: the assertions below say how
      await new Promise((r) => setTimeout(r, 20))
    }
    const cleanupA = await runStep(newJob({ event: 'push', payload: schedule, env: run }), 'main', {
      inputs: { mode: 'cleanup', instance: 'a', 'aws-region': 'us-east-1', 'aws-endpoint-url': sim.url }
    })
    expect(cleanupA.exitCode).toBe(0)
    expect(cleanupA.outputs['stack-names']).toBe(aName)
    expect(aStack.status).toBe('DELETE_COMPLETE')
    expect(sim.model.live().map((s) => [s.name, s.status])).toEqual([[bName, 'CREATE_COMPLETE']])
    writeFileSync(go, '')
    const bDone = await b
    expect(bDone.exitCode).toBe(0)
    expect(bDone.outputs.result).toBe('success')
    expect(sim.model.live()).toEqual([])
  })
})
