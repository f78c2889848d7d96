/**
 * A larger runner priced from the job's `runs-on` labels, through the bundled action: a JavaScript
 * action sees RUNNER_NAME, RUNNER_OS and RUNNER_ARCH but no labels (the runner context has none), so it
 * reads the job's labels from the jobs API of the run attempt (the job in progress on this runner). A
 * token without `actions: read` falls back to the standard runner's price; the input always wins.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import { ACTIONS_BOT } from '../stand-ins/github/fixtures.js'
import { newJob, runStep } from '../harness/simulated-runner.js'
import { writeJestWorkspace } from './workspace-fixture.js'

const REPO = 'octo-org/orders'
const push = {
  ref: 'refs/heads/feature',
  deleted: false,
  repository: { full_name: REPO, default_branch: 'main' }
}
let gh: GitHubStandIn

beforeEach(async () => {
  gh = new GitHubStandIn({
    repository: REPO,
    tokens: {
      'job-token': { user: ACTIONS_BOT, canWrite: false },
      'no-actions-token': { user: ACTIONS_BOT, canWrite: false, actionsRead: false }
    },
    jobs: {
      '4242#1': [
        { name: 'lint', status: 'completed', runnerName: 'GitHub Actions 7', labels: ['ubuntu-latest'] },
        {
          name: 'test',
          status: 'in_progress',
          runnerName: 'GitHub Actions 9',
          labels: ['ubuntu-24.04-16core']
        },
        { name: 'build', status: 'in_progress', runnerName: 'GitHub Actions 8', labels: ['ubuntu-latest'] }
      ]
    }
  })
  await gh.start()
})
afterEach(async () => {
  await gh.stop()
  expect(gh.problems).toEqual([])
})

async function unitRun(inputs: Record<string, string>, runnerName = 'GitHub Actions 9') {
  const job = newJob({
    event: 'push',
    payload: push,
    env: { GITHUB_API_URL: gh.url, RUNNER_NAME: runnerName, RUNNER_ENVIRONMENT: 'github-hosted' }
  })
  writeJestWorkspace(job.workspace)
  const main = await runStep(job, 'main', {
    inputs: { tiers: 'unit', comment: 'never', history: 'off', 'github-token': 'job-token', ...inputs }
  })
  expect(main.exitCode).toBe(0)
  return main
}

describe('runner price from the job labels', () => {
  it('prices a Linux 16-core larger runner at $0.042/min when its label says so', async () => {
    const main = await unitRun({})
    expect(main.stdout).toContain(
      "Runner minutes priced at $0.042/min: Linux X64 16-core, from the job's label ubuntu-24.04-16core (GitHub price from 2026-01-01)."
    )
    expect(main.summary).toMatch(/× \\\$0\.042\/min/)
    expect(
      gh.requests.some((r) => r.path.endsWith('/actions/runs/4242/attempts/1/jobs') && r.status === 200)
    ).toBe(true)
  })

  it('without actions: read (403), the standard Linux runner ($0.006/min), and the log says so', async () => {
    const main = await unitRun({ 'github-token': 'no-actions-token' })
    expect(main.summary).toMatch(/× \\\$0\.006\/min/)
    expect(main.stdout).toMatch(
      /Runner minutes priced as Linux X64 2-core \(GitHub price from 2026-01-01\), assuming a standard runner: the job's runs-on labels could not be read \(.*Resource not accessible by integration.*\)\. Give the job's token actions: read, or set runner-price-per-minute\./
    )
    expect(main.annotations.filter((a) => a.kind === 'error')).toEqual([])
    expect(gh.requests.some((r) => r.path.endsWith('/jobs') && r.status === 403)).toBe(true)
  })

  it('jobs that list no job on this runner: the standard price, without a word of failure', async () => {
    const main = await unitRun({}, 'GitHub Actions 3')
    expect(main.summary).toMatch(/× \\\$0\.006\/min/)
    expect(main.stdout).not.toContain('Runner minutes priced')
    expect(
      gh.requests.some((r) => r.path.endsWith('/actions/runs/4242/attempts/1/jobs') && r.status === 200)
    ).toBe(true)
  })

  it('runner-price-per-minute wins, and then no label is read', async () => {
    const main = await unitRun({ 'runner-price-per-minute': '0.5' })
    expect(main.summary).toMatch(/× \\\$0\.5\/min/)
    expect(gh.requests.some((r) => r.path.endsWith('/jobs'))).toBe(false)
  })
})
