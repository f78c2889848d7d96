/**
 * The data a pull request's run hands to mode publish, and the trusted side's reading of it: pure. The
 * CTRF part is checked against the CTRF schema of the `ctrf` package (ajv) — what our reader accepts, the
 * schema accepts — and the rendered section is parsed as GitHub markdown (micromark) for links and HTML.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { parseForkRunData, OLD_FORMAT_MESSAGE } from '../../src/core/comment/fork-run-check.js'
import { FORK_LIMITS, toForkRunData, type ForkRunData } from '../../src/core/comment/fork-run-data.js'
import { forkSection } from '../../src/core/comment/fork-section.js'
import { sectionMarkdown } from '../../src/core/comment/section-blocks.js'
import { conclusionVerdict, readTrustedRun, type TrustedRun } from '../../src/core/comment/trusted-run.js'
import type { RunReport } from '../../src/core/results/report.js'
import { GOLDEN_REPORTS, failuresAndFlaky, test } from '../report/reports.js'
import { seededRandom } from '../fakes/random.js'
import { example } from '../tiers/webhook-examples.js'
import { FORK_HEAD, oldFormatFile, trustedForkRun } from './fork-fixtures.js'
import { htmlFacts } from './markdown-html.js'

const require = createRequire(import.meta.url)
const schema = JSON.parse(
  readFileSync(require.resolve('ctrf').replace(/index\.c?js$/, 'ctrf-schema-0.0.json'), 'utf8')
) as object
const ctrfSchema = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema)

const HEAD = FORK_HEAD
const TOOL = { name: 'serverless-test-pyramid', version: '0.1.0' }
const TARGET = { repository: 'acme/orders', prNumber: 12, headSha: HEAD, key: 'test-unit-integration' }
const RUN = trustedForkRun()

function dataOf(report: RunReport): ForkRunData {
  const r = toForkRunData(report, TOOL, TARGET)
  if (!r.ok) throw new Error(r.reason)
  return JSON.parse(JSON.stringify(r.data)) as ForkRunData
}

/** Test edits reach into the JSON freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

const refusal = (data: unknown) => () => parseForkRunData(JSON.stringify(data))

describe('the data a pull request run writes', () => {
  it.each(Object.entries(GOLDEN_REPORTS))('%s: written, read back, and valid CTRF', (_name, make) => {
    const data = dataOf(make())
    expect(parseForkRunData(JSON.stringify(data))).toEqual(data)
    expect(ctrfSchema(data.ctrf)).toBe(true)
    expect(JSON.stringify(data)).not.toMatch(/npm (run )?test|junit\.xml/) // commands and files stay home
  })

  it('cuts text to what a comment shows, so a real run always passes the reader', () => {
    const report = failuresAndFlaky()
    const long = 'x'.repeat(10_000)
    report.tiers[0]!.tests.push(
      test('unit', `src/${long}.test.ts`, Array(30).fill(long), long, [
        { outcome: 'failed', durationMs: -5, message: long, trace: long },
        { outcome: 'failed', durationMs: 1, message: long }
      ])
    )
    const data = dataOf(report)
    const t = data.ctrf.results.tests.find((x) => x.name.startsWith('xxx'))!
    expect(t.name).toHaveLength(FORK_LIMITS.nameChars)
    expect(t.suite).toHaveLength(FORK_LIMITS.suiteDepth)
    expect(t.message).toHaveLength(FORK_LIMITS.messageChars)
    expect(() => parseForkRunData(JSON.stringify(data))).not.toThrow()
  })

  it('refuses to write more tests than the reader takes, and says so', () => {
    const report = failuresAndFlaky()
    const many = Array.from({ length: FORK_LIMITS.tests + 1 }, (_, i) =>
      test('unit', 'a.ts', [], `t${i}`, [{}])
    )
    report.tiers[0]!.tests = many
    expect(toForkRunData(report, TOOL, TARGET)).toEqual({
      ok: false,
      reason: expect.stringContaining(`more than the ${FORK_LIMITS.tests}`)
    })
  })
})

describe('the trusted reading of it', () => {
  const good = () => dataOf(failuresAndFlaky())

  it.each<[string, (d: Loose) => void, string]>([
    ['an unknown field', (d) => (d.body = '## ✅ passed'), '$.body is not a field this file may have'],
    ['markdown in the CTRF', (d) => (d.ctrf.results.extra = { md: '[x](y)' }), '$.ctrf.results.extra is not'],
    [
      'an over-long name',
      (d) => (d.ctrf.results.tests[0].name = 'n'.repeat(301)),
      'tests[0].name is longer than the 300'
    ],
    [
      'an over-long message',
      (d) => (d.ctrf.results.tests[0].message = 'm'.repeat(2001)),
      'tests[0].message is longer'
    ],
    ['a key that is not a job name', (d) => (d.key = '<!-- x -->'), '$.key must be 1-60 characters'],
    [
      'a status its attempts deny',
      (d) => (d.ctrf.results.tests[0].status = 'passed'),
      'does not match the test'
    ],
    ['a summary that lies', (d) => (d.ctrf.results.summary.failed = 0), 'summary.failed is 0, but 2 listed'],
    ['a tier listed twice', (d) => (d.tiers[1].tier = 'unit'), 'lists unit a second time'],
    ['an unplanned tier that ran', (d) => (d.tiers[0].planned = false), 'but the tier was not planned'],
    [
      'a test of a skipped tier',
      (d) => (d.ctrf.results.tests[0].type = d.ctrf.results.tests[0].extra.tier = 'e2e'),
      'a tier the data does not list as run'
    ],
    [
      'a runner price no runner has',
      (d) => (d.tiers[0].runnerTime[0].usdPerMinute = 1e9),
      'runnerTime[0].usdPerMinute must be a number from 0 to 10'
    ],
    [
      'runner time of a skipped tier that prepared nothing ahead',
      (d) => {
        const skipped = d.tiers.find((t: Loose) => t.state === 'skipped')
        Object.assign(skipped, { setupMs: 0, teardownMs: 0 })
        skipped.runnerTime = [{ wallMs: 60_000, usdPerMinute: 0.008 }]
      },
      'must be empty for a tier that was skipped and prepared nothing ahead of its turn'
    ],
    [
      'a tier that ran without attempts',
      (d) => (d.tiers[0].attempts = []),
      'must list the command attempts of a tier that ran'
    ],
    ['a string PR number', (d) => (d.prNumber = '12'), '$.prNumber must be a whole number'],
    ['a short commit', (d) => (d.headSha = 'abc'), '$.headSha must be a 40-character hex'],
    ['a time that is not UTC', (d) => (d.startedAt = 'yesterday'), '$.startedAt must be a UTC time']
  ])('refuses %s, naming the field', (_what, change, message) => {
    const d = good()
    change(d)
    expect(refusal(d)).toThrow(message)
    expect(refusal(d)).toThrow('nothing was posted')
  })

  it('explains a file in the old format (prepared markdown) instead of reading it', () => {
    const old = oldFormatFile('hi')
    expect(refusal(old)).toThrow(OLD_FORMAT_MESSAGE)
    expect(OLD_FORMAT_MESSAGE).toMatch(/old format.*Nothing was posted.*version 2/s)
  })

  it('accepts only what the CTRF schema accepts (2,000 seeded mutations of a valid file)', () => {
    const random = seededRandom(16)
    const junk = [null, -1, 1.5, '', 'x', [], {}, true, 2 ** 60, 'passed', ['a'], { extra: 1 }]
    let accepted = 0
    let schemaRefused = 0
    for (let i = 0; i < 2000; i++) {
      const d = good()
      const paths: [Record<string, unknown>, string][] = []
      const walk = (o: unknown) => {
        if (typeof o !== 'object' || o === null) return
        for (const [k, v] of Object.entries(o)) {
          paths.push([o as Record<string, unknown>, k])
          walk(v)
        }
      }
      walk(d.ctrf)
      const [holder, key] = paths[Math.floor(random() * paths.length)]!
      const r = random()
      if (r < 0.15) delete holder[key]
      else if (r < 0.25) holder[`${key}X`] = holder[key]
      else holder[key] = junk[Math.floor(random() * junk.length)]
      const schemaOk = ctrfSchema(d.ctrf)
      if (!schemaOk) schemaRefused++
      let ours = true
      try {
        parseForkRunData(JSON.stringify(d))
      } catch {
        ours = false
      }
      if (ours) {
        accepted++
        expect({ mutated: `${key}`, schemaOk }).toEqual({ mutated: `${key}`, schemaOk: true })
      }
    }
    expect(schemaRefused).toBeGreaterThan(400) // the schema is live: many mutations break it
    expect(accepted).toBeLessThan(2000 - schemaRefused) // and we refuse more than it does
  })
})

describe('the trusted workflow_run event', () => {
  const completed = () => {
    const p = example(
      'workflow_run',
      (e) => (e.workflow_run as { conclusion?: string }).conclusion === 'success'
    )
    const run = p.workflow_run as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    run.event = 'pull_request'
    run.head_repository.full_name = 'forker/octo-repo'
    run.head_repository.owner.login = 'forker'
    return p
  }
  const ctx = (eventName: string, payload: Record<string, unknown>) => ({
    eventName,
    payload,
    repository: 'octo-org/octo-repo'
  })

  it('reads the run, its head and only this repository’s pull requests (from a real payload)', () => {
    const p = completed()
    const run = readTrustedRun(ctx('workflow_run', p))
    expect(run).toMatchObject({
      id: '289782451',
      event: 'pull_request',
      conclusion: 'success',
      headSha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
      headOwner: 'forker',
      isFork: true,
      // the example lists a pull request of Codertocat/Hello-World: not this repository's
      pullRequests: []
    })
  })

  it.each([
    ['push', { ref: 'refs/heads/main' }],
    ['pull_request_target', {}]
  ])('refuses a %s event, naming the workflow to use', (event, payload) => {
    expect(() => readTrustedRun(ctx(event, payload))).toThrow(
      /runs only in a workflow_run workflow \(workflows\/publish-comment\.yml\).*nothing was posted/
    )
  })

  it.each<[string, (r: Loose) => void, string]>([
    ['a run still in progress', (r) => (r.status = 'in_progress'), 'types: [completed]'],
    ['a push run', (r) => (r.event = 'push'), 'was a push event'],
    ['another repository', (r) => (r.repository.full_name = 'evil/octo-repo'), 'belongs to evil/octo-repo']
  ])('refuses %s', (_what, change, message) => {
    const p = completed()
    change(p.workflow_run)
    expect(() => readTrustedRun(ctx('workflow_run', p))).toThrow(message)
  })

  it.each([
    ['success', 'success'],
    ['failure', 'failure'],
    ['timed_out', 'failure'],
    ['startup_failure', 'failure'],
    ['action_required', 'failure'],
    ['cancelled', 'cancelled'],
    ['skipped', 'skipped'],
    ['neutral', undefined]
  ])('conclusion %s gives the verdict %s', (conclusion, verdict) => {
    expect(conclusionVerdict(conclusion)).toBe(verdict)
  })
})

describe('the section the trusted side renders', () => {
  const render = (data: ForkRunData, run: TrustedRun = RUN) =>
    sectionMarkdown(
      forkSection({ data, run, repository: 'acme/orders', serverUrl: 'https://github.com', prNumber: 12 })
    )

  it('shows the run as failed when GitHub says it failed, whatever the data claims', () => {
    const green = GOLDEN_REPORTS['all-green']!()
    const md = render(dataOf({ ...green, tiers: green.tiers.filter((t) => t.tier !== 'e2e') }))
    expect(md).toMatch(
      /(^|\n)🍴 Published by this repository's workflow from the data of a fork's run \(`forker\/orders`\)/
    )
    expect(md).toContain('which GitHub says concluded `failure`')
    expect(md).toContain("⚠️ The run's data says **passed**; the verdict shown is GitHub's.")
    expect(md).toMatch(/❌ \*\*test-unit-integration\*\* failed/)
    expect(md).not.toMatch(/\*\*passed\*\*(?!; the verdict)/)
  })

  it('links only to the triggering run on this repository', () => {
    const { links, images } = htmlFacts(render(dataOf(failuresAndFlaky()), { ...RUN, conclusion: 'failure' }))
    expect(images).toEqual([])
    expect(links).toEqual(['https://github.com/acme/orders/actions/runs/555/attempts/1'])
  })

  it('refuses data that says e2e ran on a fork', () => {
    const data = dataOf(GOLDEN_REPORTS['e2e-with-leaks']!())
    expect(() => render(data)).toThrow("a fork's run never runs e2e")
    expect(() => render(data, { ...RUN, isFork: false, headRepository: 'acme/orders' })).not.toThrow()
  })
})
