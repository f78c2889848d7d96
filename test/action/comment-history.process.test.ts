/**
 * The PR comment and the history ledger through the bundled action, against the GitHub REST stand-in
 * (GITHUB_API_URL): a flaky test shows as new-flaky on its first PR run, default-branch runs record it,
 * and a later PR run shows it as known-flaky with its rate — in one sticky comment, updated in place.
 * Also: a schedule run whose payload has no repository records history, two jobs writing at once both
 * land, a format-1 ledger is read and then migrated, and tokens that may not write or read degrade to
 * a warning or "no history" without failing the job.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parseStickyBody } from '../../src/core/comment/sticky-body.js'
import { decodeRunsFile, RUNS_FILE } from '../../src/core/history/ledger-files.js'
import { LEGACY_LEDGER_FILE } from '../../src/core/history/legacy-ledger.js'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import { ACTIONS_BOT } from '../stand-ins/github/fixtures.js'
import { newJob, runStep } from '../harness/simulated-runner.js'
import { encodeLegacyLedger } from '../history/legacy-ledger-writer.js'
import { run as legacyRun } from '../history/runs.js'
import { writeJestWorkspace } from './workspace-fixture.js'

const REPO = 'octo-org/orders'
const HEAD = 'b'.repeat(40)
const BRANCH = 'pyramid-history'
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
/** What GitHub sends for `on: schedule`: the cron line, and no repository object. */
const minimalSchedule = { schedule: '17 3 * * *' }
let gh: GitHubStandIn

beforeEach(async () => {
  gh = new GitHubStandIn({
    repository: REPO,
    tokens: {
      'job-token': { user: ACTIONS_BOT, canWrite: true },
      'read-token': { user: ACTIONS_BOT, canWrite: false },
      'no-contents-token': { user: ACTIONS_BOT, canWrite: false, canRead: false }
    },
    pulls: [{ number: 7, headSha: HEAD, headRepo: REPO }],
    latencyMs: 10
  })
  await gh.start()
})
afterEach(async () => {
  expect(gh.problems).toEqual([])
  await gh.stop()
})

type Event = 'push' | 'pull_request' | 'schedule'

async function run(runId: number, event: Event, flake: boolean, token = 'job-token') {
  const job = newJob({
    event,
    payload: event === 'push' ? pushToMain : event === 'schedule' ? minimalSchedule : pullRequest,
    env: {
      GITHUB_API_URL: gh.url,
      GITHUB_RUN_ID: String(runId),
      GITHUB_REF: event === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/main',
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
    inputs: { tiers: 'unit', retries: '1', 'github-token': token },
    env: flake ? { FLAKE: '1' } : {}
  })
}

/** Run ids recorded on the history branch. */
function recordedRuns(): string[] {
  const text = gh.fileOn(BRANCH, RUNS_FILE)
  return text ? decodeRunsFile(text).runs.map((r) => r.runId) : []
}

describe('action: sticky comment and history', () => {
  it('new flaky on the first PR run, known flaky with its rate once the default branch has seen it', async () => {
    const first = await run(101, 'pull_request', true)
    expect(first.exitCode).toBe(0)
    expect(first.outputs.flaky).toBe('1')
    const [comment] = gh.commentsOn(7)
    expect(first.outputs['comment-url']).toContain(String(comment!.id))
    expect(comment!.body).toMatch(/new flaky: .*reads the clock/)
    expect(gh.refs.has(`refs/heads/${BRANCH}`)).toBe(false) // PR runs read, never write

    expect((await run(102, 'push', true)).exitCode).toBe(0)
    expect((await run(103, 'push', false)).exitCode).toBe(0)
    expect(recordedRuns()).toEqual(['102', '103'])

    const later = await run(104, 'pull_request', true)
    expect(later.exitCode).toBe(0)
    const comments = gh.commentsOn(7)
    expect(comments).toHaveLength(1)
    const body = parseStickyBody(comments[0]!.body)!
    const section = [...body.sections.values()].join('\n')
    expect(section).toMatch(/known flaky: .*reads the clock.*\(66\.7%\)/)
    expect(later.summary).toMatch(/Flakiness across runs/)
    expect(later.summary).toMatch(/xychart-beta/)
    expect(recordedRuns()).toEqual(['102', '103'])
  }, 120_000)

  it('a schedule run whose payload has no repository records history (schedules run on the default branch)', async () => {
    const result = await run(201, 'schedule', false)
    expect(result.exitCode).toBe(0)
    expect(recordedRuns()).toEqual(['201'])
  }, 60_000)

  it('two default-branch jobs finishing at once both land in the history', async () => {
    const results = await Promise.all([run(301, 'push', false), run(302, 'push', true)])
    expect(results.map((r) => r.exitCode)).toEqual([0, 0])
    expect(recordedRuns().sort()).toEqual(['301', '302'])
  }, 120_000)

  it('reads a format-1 ledger meanwhile and migrates it on the first default-branch write', async () => {
    // Spelled as earlier versions stored it (stray spaces kept); read with today's id for the same test.
    const id = 'test/orders.test.js › orders ›  reads the  clock '
    const old = [1, 2, 3].map((i) =>
      legacyRun({ sha: `c${i}`, tests: { [id]: i === 2 ? 'flaky' : 'passed' } })
    )
    gh.seedFile(BRANCH, LEGACY_LEDGER_FILE, encodeLegacyLedger({ runs: old }))

    const pr = await run(401, 'pull_request', true)
    expect(pr.exitCode).toBe(0)
    expect(pr.summary).toMatch(/from 3 earlier run\(s\)/)
    expect(pr.summary).toMatch(/Known flaky tests[^#]*reads the clock/) // old ids still match
    expect(gh.fileOn(BRANCH, LEGACY_LEDGER_FILE)).toBeDefined() // a PR never writes

    expect((await run(402, 'push', false)).exitCode).toBe(0)
    expect(gh.fileOn(BRANCH, LEGACY_LEDGER_FILE)).toBeUndefined()
    expect(recordedRuns()).toEqual([...old.map((r) => r.runId), '402'])
  }, 120_000)

  it('a read-only token on the default branch: the job passes with a warning, nothing is written', async () => {
    const result = await run(501, 'push', false, 'read-token')
    expect(result.exitCode).toBe(0)
    expect(
      result.annotations.some((a) => a.kind === 'warning' && /History was not updated/.test(a.message))
    ).toBe(true)
    expect(gh.refs.has(`refs/heads/${BRANCH}`)).toBe(false)
  }, 60_000)

  it('a token that may not read contents: "no history", and the job passes', async () => {
    await run(601, 'push', false)
    const result = await run(602, 'pull_request', false, 'no-contents-token')
    expect(result.exitCode).toBe(0)
    expect(
      result.annotations.some((a) => a.kind === 'warning' && /History is not available/.test(a.message))
    ).toBe(true)
    expect(result.summary).toMatch(/No history yet/)
  }, 120_000)
})
