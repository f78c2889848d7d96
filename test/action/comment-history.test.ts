/**
 * The PR comment and the history ledger through the bundled action, against the GitHub REST stand-in
 * (GITHUB_API_URL): a flaky test shows as new-flaky on its first PR run, the default branch records it,
 * and a later PR run shows it as known-flaky with its rate — in one sticky comment, updated in place.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parseStickyBody } from '../../src/core/comment/sticky-body.js'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import { ACTIONS_BOT } from '../stand-ins/github/fixtures.js'
import { newJob, runStep } from '../harness/simulated-runner.js'
import { writeJestWorkspace } from './workspace-fixture.js'

const REPO = 'octo-org/orders'
const HEAD = 'b'.repeat(40)
const repository = { full_name: REPO, default_branch: 'main' }
const pullRequest = {
  action: 'synchronize',
  number: 7,
  pull_request: {
    number: 7,
    head: { sha: HEAD, ref: 'feature', repo: repository },
    base: { ref: 'main', repo: repository }
  },
  repository
}
const pushToMain = { ref: 'refs/heads/main', deleted: false, repository }
let gh: GitHubStandIn

beforeEach(async () => {
  gh = new GitHubStandIn({
    repository: REPO,
    tokens: { 'job-token': { user: ACTIONS_BOT, canWrite: true } },
    pulls: [{ number: 7, headSha: HEAD, headRepo: REPO }]
  })
  await gh.start()
})
afterEach(async () => {
  expect(gh.problems).toEqual([])
  await gh.stop()
})

async function run(runId: number, event: 'push' | 'pull_request', flake: boolean) {
  const job = newJob({
    event,
    payload: event === 'push' ? pushToMain : pullRequest,
    env: {
      GITHUB_API_URL: gh.url,
      GITHUB_RUN_ID: String(runId),
      GITHUB_REF: event === 'push' ? 'refs/heads/main' : 'refs/pull/7/merge',
      GITHUB_SHA: `${runId}`.padStart(40, 'a'),
      GITHUB_REPOSITORY: REPO
    }
  })
  writeJestWorkspace(job.workspace, {
    extra: {
      'reads the clock': `if (process.env.FLAKE === '1') expect(process.env.PYRAMID_ATTEMPT).not.toBe('1')`
    }
  })
  return runStep(job, 'main', {
    inputs: { tiers: 'unit', retries: '1', 'github-token': 'job-token' },
    env: flake ? { FLAKE: '1' } : {}
  })
}

describe('action: sticky comment and history', () => {
  it('new flaky on the first PR run, known flaky with its rate once the default branch has seen it', async () => {
    const first = await run(101, 'pull_request', true)
    expect(first.exitCode).toBe(0)
    expect(first.outputs.flaky).toBe('1')
    const [comment] = gh.commentsOn(7)
    expect(first.outputs['comment-url']).toContain(String(comment!.id))
    expect(comment!.body).toMatch(/new flaky: .*reads the clock/)
    expect(gh.fileOn('pyramid-history', 'pyramid-ledger.json')).toBeUndefined() // PR runs read, never write

    expect((await run(102, 'push', true)).exitCode).toBe(0)
    expect((await run(103, 'push', false)).exitCode).toBe(0)
    const ledger = JSON.parse(gh.fileOn('pyramid-history', 'pyramid-ledger.json')!)
    expect(JSON.stringify(ledger)).toContain('102')
    expect(JSON.stringify(ledger)).toContain('103')

    const later = await run(104, 'pull_request', true)
    expect(later.exitCode).toBe(0)
    const comments = gh.commentsOn(7)
    expect(comments).toHaveLength(1)
    const body = parseStickyBody(comments[0]!.body)!
    const section = [...body.sections.values()].join('\n')
    expect(section).toMatch(/known flaky: .*reads the clock.*\(66\.7%\)/)
    expect(later.summary).toMatch(/Flakiness across runs/)
    expect(later.summary).toMatch(/xychart-beta/)
  }, 120_000)
})
