/**
 * Modes of the bundled action under the simulated runner: plan runs nothing and outputs the plan;
 * report merges the CTRF files of parallel jobs; post with nothing recorded does nothing.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { example } from '../tiers/webhook-examples.js'
import { newJob, runStep } from '../harness/simulated-runner.js'
import { writeJestWorkspace } from './workspace-fixture.js'

describe('action modes', () => {
  it('plan: outputs the tiers and the plan JSON for a real pull_request payload and runs nothing', async () => {
    const payload = example('pull_request', (p) => p.action === 'opened')
    const job = newJob({ event: 'pull_request', payload })
    const marker = path.join(job.workspace, 'ran')
    const main = await runStep(job, 'main', { inputs: { mode: 'plan', 'unit-command': `touch ${marker}` } })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.tiers).toBe('unit,integration')
    const plan = JSON.parse(main.outputs.plan!)
    expect(plan.tiers.map((t: { tier: string; run: boolean }) => [t.tier, t.run])).toEqual([
      ['unit', true],
      ['integration', true],
      ['e2e', false]
    ])
    expect(main.summary).toMatch(/e2e/)
    expect(existsSync(marker)).toBe(false)
  })

  it('plan: shows the stack names, tags and account guard when e2e would run', async () => {
    const job = newJob({
      event: 'workflow_dispatch',
      payload: {
        ref: 'refs/heads/main',
        repository: { full_name: 'octo-org/orders', default_branch: 'main' }
      }
    })
    const main = await runStep(job, 'main', {
      inputs: {
        mode: 'plan',
        'deploy-command': 'sam deploy',
        'stack-names': 'orders',
        'allowed-account-ids': '123456789012',
        'aws-region': 'eu-west-1'
      }
    })
    expect(main.exitCode).toBe(0)
    const plan = JSON.parse(main.outputs.plan!)
    expect(plan.stack.names).toEqual(['pyr-4242-1-orders'])
    expect(plan.stack.tags['pyramid:run-id']).toBe('4242')
    expect(plan.stack.allowedAccountIds).toEqual(['123456789012'])
    expect(main.summary).toContain('pyr-4242-1-orders')
  })

  it('report: merges the CTRF reports of two shard jobs into one summary and one set of outputs', async () => {
    const push = {
      ref: 'refs/heads/feature',
      deleted: false,
      repository: { full_name: 'octo-org/orders', default_branch: 'main' }
    }
    const merger = newJob({ event: 'push', payload: push })
    mkdirSync(path.join(merger.workspace, 'reports'), { recursive: true })
    for (const [i, shape] of [{ failing: true }, { flaky: true, fileName: 'payments.test.js' }].entries()) {
      const shardJob = newJob({ event: 'push', payload: push })
      writeJestWorkspace(shardJob.workspace, shape)
      const main = await runStep(shardJob, 'main', {
        inputs: { tiers: 'unit', comment: 'never', history: 'off', retries: '1' }
      })
      expect(main.outputs.tests).toBe('2')
      copyFileSync(
        path.join(shardJob.workspace, main.outputs.report!),
        path.join(merger.workspace, 'reports', `shard-${i}.json`)
      )
    }
    const report = await runStep(merger, 'main', {
      inputs: {
        mode: 'report',
        reports: 'reports/*.json',
        comment: 'never',
        history: 'off',
        'report-path': 'merged.json'
      }
    })
    expect(report.outputs).toMatchObject({
      tests: '4',
      failed: '1',
      flaky: '1',
      result: 'failure',
      report: 'merged.json'
    })
    expect(report.exitCode).toBe(1)
    expect(report.summary).toContain('rejects an empty order')
    expect(existsSync(path.join(merger.workspace, 'merged.json'))).toBe(true)
  })

  it('report: says what to do when no report matches', async () => {
    const job = newJob({
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'o/r', default_branch: 'main' } }
    })
    const r = await runStep(job, 'main', {
      inputs: { mode: 'report', reports: 'nowhere/*.json', history: 'off' }
    })
    expect(r.exitCode).toBe(1)
    expect(r.annotations.find((a) => a.kind === 'error')?.message).toMatch(/download-artifact/)
  })

  it('post: with nothing recorded by main, removes nothing and succeeds', async () => {
    const job = newJob({
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'o/r', default_branch: 'main' } }
    })
    const post = await runStep(job, 'post', { inputs: {} })
    expect(post.exitCode).toBe(0)
    expect(post.annotations.filter((a) => a.kind === 'error')).toEqual([])
  })
})
