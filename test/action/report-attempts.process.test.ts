/**
 * mode report after a re-run, through the bundled action: artifacts persist across attempts, so the report
 * job of attempt 2 finds shard 2's failing report of attempt 1 next to its passing one of attempt 2. Only
 * each job's newest attempt counts, and the summary says what was left out.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { newJob, runStep, type RunnerJob } from '../harness/simulated-runner.js'
import { writeJestWorkspace } from './workspace-fixture.js'

const pullRequest = {
  event: 'push',
  payload: { ref: 'refs/heads/feature', repository: { default_branch: 'main' } }
}

/** A unit shard job of the reusable workflow in one attempt; its report lands where the download puts it. */
async function shard(merger: RunnerJob, index: number, attempt: number, failing: boolean): Promise<void> {
  const job = newJob({ ...pullRequest, env: { GITHUB_JOB: 'unit', GITHUB_RUN_ATTEMPT: String(attempt) } })
  writeJestWorkspace(job.workspace, { failing, fileName: `shard-${index}.test.js` })
  const main = await runStep(job, 'main', {
    inputs: { tiers: 'unit', retries: '0', comment: 'never', history: 'off', matrix: `{"shard":${index}}` }
  })
  expect(main.outputs.result).toBe(failing ? 'failure' : 'success')
  const artifact = path.join(
    merger.workspace,
    'reports',
    `pyramid-report_root_unit-${index}_attempt-${attempt}`
  )
  mkdirSync(artifact, { recursive: true })
  copyFileSync(path.join(job.workspace, main.outputs.report!), path.join(artifact, `unit-${index}.json`))
}

describe('action: mode report after a re-run attempt', () => {
  it('keeps the newest attempt of each job and says which reports it left out', async () => {
    const merger = newJob({ ...pullRequest, env: { GITHUB_JOB: 'report', GITHUB_RUN_ATTEMPT: '2' } })
    await shard(merger, 1, 1, false) // passed in attempt 1, not re-run
    await shard(merger, 2, 1, true) // failed in attempt 1 …
    await shard(merger, 2, 2, false) // … and passed when re-run in attempt 2
    const report = await runStep(merger, 'main', {
      inputs: { mode: 'report', reports: 'reports/**/*.json', history: 'off', comment: 'never' }
    })
    expect(report.outputs.result).toBe('success')
    expect(report.exitCode).toBe(0)
    expect(report.outputs.tests).toBe('2') // one test per shard, once each
    expect(report.summary).toMatch(/Reports left out of this attempt/)
    expect(report.summary).toContain('pyramid-report_root_unit-2_attempt-1/unit-2.json')
    expect(report.summary).toMatch(/superseded by attempt 2/)
  })

  it('leaves out a report of a later attempt than its own', async () => {
    const merger = newJob({ ...pullRequest, env: { GITHUB_JOB: 'report', GITHUB_RUN_ATTEMPT: '1' } })
    await shard(merger, 1, 1, false)
    await shard(merger, 2, 2, true)
    const report = await runStep(merger, 'main', {
      inputs: { mode: 'report', reports: 'reports/**/*.json', history: 'off', comment: 'never' }
    })
    expect(report.outputs.result).toBe('success')
    expect(report.summary).toMatch(/from attempt 2, after this one \(1\)/)
  })
})
