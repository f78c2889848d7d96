/**
 * Fork pull requests through the bundled action (dist/main under the simulated runner), against the
 * GitHub REST stand-in, with real webhook payloads from @octokit/webhooks-examples: a fork's run writes
 * its data; mode publish, in a workflow_run job, renders and posts the section. What GitHub would show
 * is checked by parsing the posted markdown with micromark (GFM): no link, image or HTML of the fork's
 * choosing, and the verdict of the triggering run.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { toForkRunData, type ForkRunData } from '../../src/core/comment/fork-run-data.js'
import { parseStickyBody } from '../../src/core/comment/sticky-body.js'
import { newJob, runStep } from '../harness/simulated-runner.js'
import { oldFormatFile } from '../github/fork-fixtures.js'
import { EXPECTED_TAGS, htmlFacts } from '../github/markdown-html.js'
import { test as testCase } from '../report/reports.js'
import { GitHubStandIn } from '../stand-ins/github/server.js'
import { ACTIONS_BOT } from '../stand-ins/github/fixtures.js'
import { example } from '../tiers/webhook-examples.js'
import { writeJestWorkspace } from './workspace-fixture.js'

const REPO = 'octo-org/orders'
const FORK = 'forker/orders'
const HEAD = '4'.repeat(40)
const RUN_ID = 4242
const OUR_RUN_URL = `https://github.com/${REPO}/actions/runs/${RUN_ID}/attempts/1`
const EVIL = 'https://evil.example'
const PHISH = `## ✅ Serverless test pyramid: all 500 tests passed\nMaintainers: [approve the deployment here](${EVIL}/phish) ![status](${EVIL}/pixel.png) <a href="${EVIL}/x">details</a> <img src=${EVIL}/i.png> <!-- /pyramid-section:test-unit --> <!-- pyramid-section:e2e --> @octo-org/admins`
let gh: GitHubStandIn
/** Test edits reach into the JSON freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

beforeEach(async () => {
  gh = new GitHubStandIn({
    repository: REPO,
    tokens: {
      'fork-token': { user: ACTIONS_BOT, canWrite: false },
      'base-token': { user: ACTIONS_BOT, canWrite: true }
    },
    pulls: [{ number: 7, headSha: HEAD, headRepo: FORK, headRef: 'fix-vat' }]
  })
  await gh.start()
})
afterEach(async () => {
  expect(gh.problems).toEqual([])
  await gh.stop()
})

/** The pull_request event of a fork's PR #7: GitHub's own example, pointed at this repository. */
function forkPullRequest() {
  const p = example('pull_request', (e) => e.action === 'opened') as Record<string, Loose>
  p.number = p.pull_request.number = 7
  p.pull_request.head.sha = HEAD
  p.pull_request.head.ref = 'fix-vat'
  p.pull_request.head.repo = { ...p.pull_request.head.repo, id: 99, full_name: FORK }
  p.pull_request.base.repo.full_name = p.repository.full_name = REPO
  return p
}

/** The workflow_run event of the base repository's publish workflow for that run (a real example). */
function completedRun(conclusion: string) {
  const p = example(
    'workflow_run',
    (e) => (e.workflow_run as { conclusion?: string }).conclusion === 'success'
  )
  const run = p.workflow_run as Record<string, Loose>
  Object.assign(run, { id: RUN_ID, run_attempt: 1, event: 'pull_request', conclusion, head_sha: HEAD })
  run.head_branch = 'fix-vat'
  run.head_repository = {
    ...run.head_repository,
    full_name: FORK,
    owner: { ...run.head_repository.owner, login: 'forker' }
  }
  run.repository.full_name = REPO
  run.pull_requests = [] // what GitHub sends for a fork's run
  return p
}

async function forkRunOfTheBundle() {
  const job = newJob({
    event: 'pull_request',
    payload: forkPullRequest(),
    env: { GITHUB_API_URL: gh.url, GITHUB_REF: 'refs/pull/7/merge', GITHUB_REPOSITORY: REPO }
  })
  writeJestWorkspace(job.workspace, {
    failing: true,
    extra: { [PHISH.replace(/\n/g, ' ')]: `throw new Error(${JSON.stringify(PHISH)})` }
  })
  const step = await runStep(job, 'main', {
    inputs: { tiers: 'unit', retries: '0', 'github-token': 'fork-token' }
  })
  return { step, file: path.join(job.workspace, 'pyramid-comment.json') }
}

async function publish(dataFile: string | undefined, payload: object, event = 'workflow_run') {
  const job = newJob({
    event,
    payload,
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: REPO, GITHUB_RUN_ID: '9001' }
  })
  const downloaded = mkdtempSync(path.join(tmpdir(), 'pyr-artifact-'))
  if (dataFile !== undefined) copyFileSync(dataFile, path.join(downloaded, 'pyramid-comment.json'))
  return runStep(job, 'main', {
    inputs: { mode: 'publish', 'working-directory': downloaded, 'github-token': 'base-token' }
  })
}

function postedSection(): { body: string; section: string } {
  const comments = gh.commentsOn(7)
  expect(comments).toHaveLength(1)
  const sticky = parseStickyBody(comments[0]!.body)!
  expect([...sticky.sections.keys()]).toEqual(['test-unit'])
  return { body: comments[0]!.body, section: sticky.sections.get('test-unit')! }
}

/** Nothing a reader sees comes from the fork's text but text: links are ours, no images, no raw HTML. */
function expectNoForkMarkup(body: string) {
  const facts = htmlFacts(body)
  expect(facts.images).toEqual([])
  expect(facts.links).toEqual([OUR_RUN_URL])
  expect(facts.tags.filter((t) => !EXPECTED_TAGS.has(t))).toEqual([])
  expect(facts.tags).not.toContain('h2') // the false headline stays text
  expect(facts.html).not.toMatch(/href="[^"]*evil|src="[^"]*evil/)
  expect(body).not.toMatch(/(^|\s)@octo-org/)
}

function writeData(data: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pyr-crafted-')), 'pyramid-comment.json')
  writeFileSync(file, JSON.stringify(data))
  return file
}

/** Data a fork crafts by hand: every test passed, names and messages full of markup, exit codes 0. */
function craftedAllPassed(): ForkRunData {
  const tests = Array.from({ length: 500 }, (_, i) =>
    testCase('unit', `test/${i}.test.js`, [PHISH], i === 0 ? PHISH : `ok ${i}`, [
      { outcome: 'passed', durationMs: 1 }
    ])
  )
  const r = toForkRunData(
    {
      context: {
        repository: REPO,
        sha: HEAD,
        ref: '',
        eventName: 'pull_request',
        runId: '1',
        runAttempt: 1,
        serverUrl: EVIL,
        job: 'test'
      },
      plan: {
        event: 'pull_request',
        isDefaultBranch: false,
        isFork: true,
        selection: 'auto',
        tiers: [{ tier: 'unit', run: true, reason: PHISH, command: PHISH }]
      },
      tiers: [
        {
          tier: 'unit',
          outcome: {
            kind: 'ran',
            attempts: [
              { attempt: 1, command: PHISH, scope: 'all', exitCode: 0, durationMs: 5, reportFiles: [] }
            ]
          },
          tests,
          phases: [],
          notes: [{ level: 'info', text: PHISH }],
          runnerTime: [{ wallMs: 9000, usdPerMinute: 0.006 }],
          facts: { x: PHISH }
        }
      ],
      failOnFlaky: false,
      runnerPricePerMinute: 0.006,
      startedAt: '2026-11-25T10:00:00.000Z',
      finishedAt: '2026-11-25T10:00:09.000Z',
      costLines: []
    },
    { name: 'serverless-test-pyramid', version: '0.1.0' },
    { repository: REPO, prNumber: 7, headSha: HEAD, key: 'test-unit' }
  )
  if (!r.ok) throw new Error(r.reason)
  return r.data
}

describe('action: fork pull request comments, rendered by the trusted side', () => {
  it('a real fork run of the bundle leaves data that publish renders: failed verdict, no fork markup', async () => {
    const { step, file } = await forkRunOfTheBundle()
    expect(step.exitCode).toBe(1) // the suite has a failing test
    expect(gh.commentsOn(7)).toEqual([]) // the read-only token wrote nothing
    const data = JSON.parse(readFileSync(file, 'utf8'))
    expect(data).toMatchObject({ version: 2, prNumber: 7, headSha: HEAD, key: 'test-unit' })
    expect(JSON.stringify(data)).not.toContain('Full report') // data, not markdown

    const published = await publish(file, completedRun('failure'))
    expect(published.exitCode).toBe(0)
    const { body, section } = postedSection()
    expect(published.outputs['comment-url']).toContain(String(gh.commentsOn(7)[0]!.id))
    expect(section).toMatch(
      /(^|\n)🍴 Published by this repository's workflow from the data of a fork's run \(`forker\/orders`\)/
    )
    expect(section).toMatch(/❌ \*\*test-unit\*\* failed · 3.tests: 2.failed ·/)
    expect(section).toContain('rejects an empty order')
    expectNoForkMarkup(body)
    // GitHub's event had no pull_requests: the PR was found by the run's head and checked.
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /repos/octo-org/orders/pulls', 'GET /repos/octo-org/orders/pulls/7'])
    )
  }, 120_000)

  it('crafted data claiming 500 passed tests, with links, images, HTML and forged markers: shown as the failed run it was', async () => {
    const published = await publish(writeData(craftedAllPassed()), completedRun('failure'))
    expect(published.exitCode).toBe(0)
    const { body, section } = postedSection()
    expect(section).toContain('which GitHub says concluded `failure`')
    expect(section).toContain("⚠️ The run's data says **passed**; the verdict shown is GitHub's.")
    expect(section).toMatch(/❌ \*\*test-unit\*\* failed · 500.tests ·/)
    expect(section).not.toMatch(/✅ (\*\*|<b>)test-unit/)
    expectNoForkMarkup(body)
    expect(body).not.toContain(EVIL.replace('https://', '')) // not even as a bare URL: defused
  }, 60_000)

  it.each<[string, (d: Loose) => void, string]>([
    [
      'an over-long test name',
      (d) => (d.ctrf.results.tests[1].name = 'n'.repeat(5000)),
      '$.ctrf.results.tests[1].name is longer than the 300 characters allowed'
    ],
    [
      'an over-long message',
      (d) => (d.ctrf.results.tests[1].message = 'm'.repeat(100_000)),
      '$.ctrf.results.tests[1].message is longer than the 2000'
    ],
    [
      'markdown in a field of its own',
      (d) => (d.comment = PHISH),
      '$.comment is not a field this file may have'
    ]
  ])(
    'crafted data with %s is refused and nothing is posted',
    async (_what, change, message) => {
      const data = craftedAllPassed()
      change(data)
      const published = await publish(writeData(data), completedRun('success'))
      expect(published.exitCode).toBe(1)
      expect(published.annotations.find((a) => a.kind === 'error')?.message).toContain(message)
      expect(gh.commentsOn(7)).toEqual([])
    },
    60_000
  )

  it('mode publish on a push event refuses, naming workflows/publish-comment.yml', async () => {
    const push = example('push')
    const published = await publish(writeData(craftedAllPassed()), push, 'push')
    expect(published.exitCode).toBe(1)
    expect(published.annotations.find((a) => a.kind === 'error')?.message).toMatch(
      /mode publish runs only in a workflow_run workflow \(workflows\/publish-comment\.yml\), and this is a push event: refused, nothing was posted/
    )
    expect(gh.requests).toEqual([]) // refused before any call to GitHub
  }, 60_000)

  it('an old-format file (prepared markdown) is explained, never posted', async () => {
    const old = oldFormatFile(PHISH, { repository: REPO, prNumber: 7, headSha: HEAD, key: 'test-unit' })
    const published = await publish(writeData(old), completedRun('success'))
    expect(published.exitCode).toBe(1)
    expect(published.annotations.find((a) => a.kind === 'error')?.message).toMatch(
      /old format \(version 1: a comment the pull request's run prepared as markdown\).*Nothing was posted/
    )
    expect(gh.commentsOn(7)).toEqual([])
  }, 60_000)
})
