/**
 * Real Playwright test (the toolchain's @playwright/test, tests that need no browser) run through our
 * tier runner with nothing configured: auto-report adds its junit reporter beside list, with retries
 * kept (PLAYWRIGHT_JUNIT_INCLUDE_RETRIES); failed tests re-run with --last-failed.
 */
import { beforeAll, expect, it } from '@jest/globals'
import { commandAttempts } from '../../src/core/results/run.js'
import { attemptCounts, count, find, runEngine, statusOf, type EngineRun } from './engine.js'
import { jsProject } from './js-projects.js'
import { describeWithTool, toolchain, TOOLCHAIN } from './tools.js'

const SPEC = `const { test, expect } = require('@playwright/test')
const attempt = Number(process.env.PYRAMID_ATTEMPT || '1')
test.describe('calc', () => {
  for (const n of [1, 2, 3]) test('case ' + n, () => { expect(n).not.toBe(2) })
  test('flaky', () => { expect(attempt).toBeGreaterThan(1) })
  test('retried in the run', ({}, info) => { expect(info.retry).toBeGreaterThan(0) })
})
test('top level', () => {})
`

/**
 * The list reporter's closing lines: "  2 failed", "  1 flaky", "  3 passed (6.5s)" (and "  1 skipped"
 * when a test skips: Playwright's skipped shape is checked on its recorded report, test/parsers/dialects).
 */
function playwrightConsole(lines: string[]) {
  const text = lines.join('\n')
  const failed = count(text, /^\s+(\d+) failed$/m)
  const flaky = count(text, /^\s+(\d+) flaky$/m)
  const skipped = count(text, /^\s+(\d+) skipped$/m)
  const passed = count(text, /^\s+(\d+) passed/m)
  return { tests: failed + flaky + skipped + passed, passed: passed + flaky, failed, skipped, flaky }
}

describeWithTool('playwright test', toolchain('@playwright/test'), () => {
  let run: EngineRun
  beforeAll(async () => {
    const dir = await jsProject(
      {
        'tests/shapes.spec.js': SPEC,
        'playwright.config.js': "module.exports = { testDir: 'tests', retries: 1, workers: 1 }\n"
      },
      {
        nodeModules: TOOLCHAIN,
        packageJson: { name: 'pw', private: true, scripts: { e2e: 'playwright test' } },
        prefix: 'playwright'
      }
    )
    run = await runEngine({ dir, command: 'npm run e2e' })
  }, 300_000)

  it("counts attempt 1 as Playwright's own summary does, its in-run retry kept as flaky", () => {
    const console = playwrightConsole(run.consoles[0]!)
    expect(console).toEqual({ tests: 6, passed: 4, failed: 2, skipped: 0, flaky: 1 })
    const counts = {
      tests: console.tests,
      passed: console.passed,
      failed: console.failed,
      skipped: console.skipped
    }
    expect(attemptCounts(run.run.tests, 1)).toEqual({ ...counts, loadFailures: 0 })
    expect(statusOf(find(run.run.tests, 'retried in the run'))).toBe('flaky after 2')
  })

  it('re-runs the failed tests with --last-failed: the flaky one is flaky, the real failure fails', () => {
    const attempts = commandAttempts(run.run)
    expect(attempts[1]!.command).toMatch(/--last-failed$/)
    expect(statusOf(find(run.run.tests, 'flaky'))).toMatch(/^flaky after/)
    expect(statusOf(find(run.run.tests, 'case 2'))).toMatch(/^failed after/)
    expect(statusOf(find(run.run.tests, 'case 1'))).toBe('passed after 1')
    expect(find(run.run.tests, 'case 2').suite).toEqual(['calc'])
  })
})
