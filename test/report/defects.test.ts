/**
 * Issue 10's defects 3–7, each as a reader would find it (1 and 2: test/comment/fit.test.ts; 8:
 * test/github/sticky-comment.test.ts "a single writer"). Every case here failed on the code before.
 */
import { describe, expect, it } from '@jest/globals'
import { localContext } from '../../src/cli/local-context.js'
import { formatDuration } from '../../src/core/cost/runner-cost.js'
import { trendChartsMarkdown } from '../../src/core/history/trend-charts.js'
import type { TrendPoint } from '../../src/core/history/trend.js'
import { commentPreview } from '../../src/core/report/comment-preview.js'
import { toCtrf } from '../../src/core/report/ctrf.js'
import { escapeInline } from '../../src/core/report/escape.js'
import { renderSummary } from '../../src/core/report/summary.js'
import { renderTerminal } from '../../src/core/report/terminal.js'
import { reportView } from '../../src/core/report/view.js'
import type { RunReport } from '../../src/core/results/report.js'
import { allGreen, e2eWithLeaks, failuresAndFlaky, test } from './reports.js'

const NB = '\u00a0'
const TOOL = { name: 'serverless-test-pyramid', version: '0.0.0' }

/** What jest-junit writes for a failed expect (absolute paths, jest-circus frames). */
const JEST_TRACE = [
  'Error: expect(received).toBe(expected) // Object.is equality',
  '',
  'Expected: 107',
  'Received: 100',
  '    at Object.<anonymous> (/home/runner/work/orders/orders/src/a.test.js:3:36)',
  '    at Promise.finally.completed (/home/runner/work/orders/orders/node_modules/jest-circus/build/jestAdapterInit.js:1834:28)',
  '    at new Promise (<anonymous>)',
  '    at callAsyncCircusFn (/home/runner/work/orders/orders/node_modules/jest-circus/build/jestAdapterInit.js:1774:10)',
  '    at _callCircusTest (/home/runner/work/orders/orders/node_modules/jest-circus/build/jestAdapterInit.js:1167:40)',
  '    at processTicksAndRejections (node:internal/process/task_queues:95:5)'
].join('\n')

/** What pytest's junitxml writes: the message attribute, and the source listing with E lines as text. */
const PYTEST_TRACE = [
  'def test_div():',
  '        x = 1',
  '        y = 2',
  '>       assert divide(6, 2) == 2',
  'E       assert 3.0 == 2',
  'E        +  where 3.0 = divide(6, 2)',
  '',
  'tests/test_calc.py:7: AssertionError'
].join('\n')

function withFailure(file: string, line: number, message: string, trace: string): RunReport {
  const r = allGreen()
  r.tiers[0]!.tests.push(
    test('unit', file, ['suite'], 'fails', [{ outcome: 'failed', message, trace }], line)
  )
  return r
}

describe('defect 3: the tier table', () => {
  it('has 6 columns (tier, result, tests, flaky, time, cost) and a result that does not wrap into lines', () => {
    const md = renderSummary(reportView(failuresAndFlaky()))
    const header = md.split('\n').find((l) => l.startsWith('| Tier | Result'))!
    expect(header).toBe('| Tier | Result | Tests | Flaky | Time | Cost |')
    expect(md).toContain(
      `| unit | ❌${NB}failed, 2${NB}runs | 1${NB}failed, 2${NB}passed | 1 | 17${NB}s | $0.0012 |`
    )
    // Skipped tiers are bullets under the table, not rows of dashes.
    expect(md).not.toMatch(/^\| e2e /m)
    expect(md).toContain('- ⏭️ **e2e** skipped: unit failed and fail-fast is on')
  })
})

describe('defect 4: trend charts', () => {
  const points: TrendPoint[] = Array.from({ length: 20 }, (_, i) => ({
    label: `abc${1000 + i}`,
    at: '',
    durationMs: { unit: 2_400 + i * 10, ...(i === 3 ? {} : { e2e: 600_000 }) },
    costUsd: {},
    flakyRate: 0,
    totalCostUsd: 0.1 + (i % 2) * 0.2
  }))
  const md = trendChartsMarkdown(points)

  it('has an explicit palette, seconds below 2 minutes, at most ~10 x labels, a rounded axis maximum', () => {
    expect(md).toContain('"plotColorPalette":"#0969da"')
    expect(md).toContain('title "Duration per tier (seconds)"')
    expect(md).toContain('line "unit" [2.4, 2.4, 2.4, 2.4, 2.4')
    expect(md).toContain('x-axis "run" 1 --> 20') // numbered: the axis picks its ticks
    expect(md).not.toMatch(/0\.30000000000000004/)
    expect(md).toContain('y-axis "USD" 0 --> 0.5')
  })

  it('does not plot a tier that did not run as 0: it is drawn as bars, with nothing where it did not run', () => {
    expect(md).toContain('bar "e2e" [10, 10, 10, 0, 10')
    expect(md).not.toMatch(/line "e2e"/)
    expect(md).toContain('e2e: bars, one per run it ran in (no bar: it did not run).')
  })
})

describe('defect 5: failure excerpts', () => {
  it('jest: no node_modules or runtime frames, paths repo-relative, Expected/Received kept', () => {
    const report = withFailure('src/a.test.js', 3, JEST_TRACE.split('\n')[0]!, JEST_TRACE)
    const view = reportView(report, { roots: ['/home/runner/work/orders/orders'] })
    const f = view.failures.shown[0]!
    expect(f.excerpt).toEqual([
      'Error: expect(received).toBe(expected) // Object.is equality',
      '',
      'Expected: 107',
      'Received: 100',
      '    at Object.<anonymous> (src/a.test.js:3:36)'
    ])
    expect(f.place!.url).toBe(
      'https://github.com/acme/orders/blob/0123456789abcdef0123456789abcdef01234567/src/a.test.js#L3'
    )
    expect(renderSummary(view)).toContain('[src/a.test.js:3](https://github.com/acme/orders/blob/')
  })

  it('pytest: leads with its message and E lines, never the source listing', () => {
    const view = reportView(
      withFailure('tests/test_calc.py', 7, 'assert 3.0 == 2\n +  where 3.0 = divide(6, 2)', PYTEST_TRACE)
    )
    expect(view.failures.shown[0]!.excerpt).toEqual([
      'assert 3.0 == 2',
      ' +  where 3.0 = divide(6, 2)',
      'tests/test_calc.py:7: AssertionError'
    ])
  })

  it('CTRF message holds the Expected/Received lines, not only the first line', () => {
    const report = withFailure('src/a.test.js', 3, JEST_TRACE.split('\n')[0]!, JEST_TRACE)
    const t = toCtrf(report, TOOL).results.tests.find((x) => x.name === 'fails')!
    expect(t.message).toContain('Expected: 107\nReceived: 100')
    expect(t.message).not.toContain('node_modules')
    expect(t.trace).toBe(JEST_TRACE)
  })
})

describe('defect 6: local runs', () => {
  const ctx = localContext(
    { command: 'run', event: 'push', inputs: {} } as never,
    { repository: 'me/app', sha: 'a'.repeat(40) },
    '123'
  )
  const local = (): RunReport => ({ ...failuresAndFlaky(), context: ctx })

  it('say "local run" and link nothing: no run URL, no file URLs, no GitHub-only notes', () => {
    const md = renderSummary(reportView(local()))
    expect(md).toContain('<sub>local run · `push`')
    expect(md).not.toMatch(/https?:\/\/github\.com/)
    expect(md).toContain('`src/orders/price.test.ts:4`')
    expect(md).not.toMatch(/annotat/)
    expect(commentPreview(reportView(local()))).not.toMatch(/https?:\/\/github\.com|job summary\]/)
  })

  it('put no invented values in CTRF buildUrl / repositoryUrl', () => {
    const env = toCtrf(local(), TOOL).results.environment!
    expect(env.buildUrl).toBeUndefined()
    expect(env.repositoryUrl).toBeUndefined()
  })
})

describe('defect 7: the smaller things', () => {
  it('counts have thousands separators everywhere', () => {
    const r = failuresAndFlaky()
    r.tiers[0]!.tests = Array.from({ length: 3003 }, (_, i) =>
      test('unit', 'a.ts', [], `t${i}`, [{ outcome: 'failed' }], i + 1)
    )
    const comment = commentPreview(reportView(r))
    expect(comment).toContain(`3,005${NB}tests: 3,004${NB}failed`)
    expect(comment).toContain('**Failed tests** (first 5 of 3,004)')
    expect(comment).toContain('<summary>2,999 more failed tests</summary>')
    expect(renderSummary(reportView(r))).toContain(`**3,005${NB}tests**: 3,004${NB}failed`)
  })

  it('durations in one style: "2 min 00 s", "12 s", "1.9 s"', () => {
    expect([formatDuration(120_000), formatDuration(12_000), formatDuration(1_900)]).toEqual([
      '2 min 00 s',
      '12 s',
      '1.9 s'
    ])
  })

  it('a URL in untrusted text stays copyable (inline code, no word joiner inside)', () => {
    expect(escapeInline('see http://127.0.0.1:4566 now')).toBe('see `http://127.0.0.1:4566` now')
  })

  it('prose facts are prose, not code spans', () => {
    const r = allGreen()
    r.tiers[1]!.facts = {
      LocalStack: 'external, not LocalStack (reachable over HTTP)',
      'LocalStack image': 'localstack/localstack:4.14.0'
    }
    const md = renderSummary(reportView(r))
    expect(md).toContain('- LocalStack: external, not LocalStack (reachable over HTTP)')
    expect(md).toContain('- LocalStack image: `localstack/localstack:4.14.0`')
  })

  it('a tier without a report does not say "passed" beside "no test results": it says the exit code', () => {
    const r = allGreen()
    r.tiers[0]!.tests = []
    const md = renderSummary(reportView(r))
    expect(md).toMatch(new RegExp(`\\| unit \\| ✅${NB}exit${NB}0 \\| no test report \\|`))
  })

  it('a tier failed by its teardown (leaks) says so, not "failed" above "0 failed"', () => {
    const md = renderSummary(reportView(e2eWithLeaks()))
    expect(md).toMatch(new RegExp(`\\| e2e \\| ❌${NB}teardown failed \\| 1${NB}passed \\|`))
  })

  it("the terminal puts a failure's location on its own line, never cut", () => {
    const r = failuresAndFlaky()
    r.tiers[0]!.tests[0]!.file = `src/${'deep/'.repeat(20)}price.test.ts`
    const text = renderTerminal(reportView(r), { color: false, width: 60 })
    expect(text).toContain(`      at src/${'deep/'.repeat(20)}price.test.ts:4\n`)
  })
})
