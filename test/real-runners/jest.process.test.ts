/**
 * Real jest (30 with jest-junit configured, so every attempt has two reports; and 29 with nothing
 * configured, so auto-report is the only source) run through our tier runner: our counts against jest's
 * own console summary, per shape.
 */
import { beforeAll, expect, it } from '@jest/globals'
import path from 'node:path'
import { commandAttempts } from '../../src/core/results/run.js'
import {
  attemptCounts,
  byFile,
  count,
  find,
  LOADING_ATTEMPT_1,
  LOADING_OUTCOME,
  runEngine,
  statusOf,
  type EngineRun
} from './engine.js'
import { HOSTILE, jsProject, loadingSources, shapesSource } from './js-projects.js'
import { describeWithTool, ROOT, toolchain, TOOLCHAIN } from './tools.js'

const JEST_CONFIG = (reporters: string) =>
  `module.exports = { testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.js'], reporters: ${reporters} }\n`

const VERSIONS = [
  {
    name: 'jest 30 with jest-junit (two reports per attempt)',
    tool: { dir: path.join(ROOT, 'node_modules/jest') },
    nodeModules: path.join(ROOT, 'node_modules'),
    config: JEST_CONFIG(`['default', 'jest-junit']`),
    reports: 2
  },
  {
    name: 'jest 29 with no reporter configured (auto-report only)',
    tool: toolchain('jest'),
    nodeModules: TOOLCHAIN,
    config: JEST_CONFIG(`['default']`),
    reports: 1
  }
]

/** "Tests:       5 failed, 1 skipped, 4 passed, 10 total" and the files that failed to run. */
function jestConsole(lines: string[]) {
  const text = lines.join('\n')
  const tests = /^Tests:\s+(.*)$/m.exec(text)?.[1] ?? ''
  return {
    tests: count(tests, /(\d+) total/),
    passed: count(tests, /(\d+) passed/),
    failed: count(tests, /(\d+) failed/),
    skipped: count(tests, /(\d+) skipped/),
    loadFailures: (text.match(/● Test suite failed to run/g) ?? []).length
  }
}

for (const v of VERSIONS) {
  describeWithTool(v.name, v.tool, () => {
    let shapes: EngineRun
    let loading: EngineRun
    let sharded: EngineRun
    let emptyReport: EngineRun | undefined
    beforeAll(async () => {
      const pkg = { name: 'shapes', private: true, scripts: { test: 'jest --ci' } }
      const shapesDir = await jsProject(
        { 'shapes.test.js': shapesSource('jest'), 'jest.config.cjs': v.config },
        { nodeModules: v.nodeModules, packageJson: pkg, prefix: 'jest-shapes' }
      )
      shapes = await runEngine({ dir: shapesDir, command: 'npm test' })
      const loadingDir = await jsProject(
        { ...loadingSources('jest'), 'jest.config.cjs': v.config },
        { nodeModules: v.nodeModules, packageJson: pkg, prefix: 'jest-loading' }
      )
      loading = await runEngine({ dir: loadingDir, command: 'npm test' })
      sharded = await runEngine({
        dir: loadingDir,
        command: 'npm test',
        env: { PYRAMID_SHARD: '2/2' },
        retries: 0
      })
      if (v.reports === 2) {
        // jest-junit as it behaves by default, and no report of jest's own: a file that does not load.
        const brokenOnly = await jsProject(
          { 'broken.test.js': loadingSources('jest')['broken.test.js']!, 'jest.config.cjs': v.config },
          { nodeModules: v.nodeModules, packageJson: pkg, prefix: 'jest-empty' }
        )
        emptyReport = await runEngine({
          dir: brokenOnly,
          command: 'npm test',
          env: { JEST_JUNIT_REPORT_TEST_SUITE_ERRORS: 'false' },
          autoReport: false,
          retries: 0
        })
      }
    }, 300_000)

    it("counts attempt 1 as jest's own console does, from every report of the attempt merged", () => {
      const console = jestConsole(shapes.consoles[0]!)
      expect(console).toEqual({ tests: 10, passed: 4, failed: 5, skipped: 1, loadFailures: 0 })
      expect(attemptCounts(shapes.run.tests, 1)).toEqual(console)
      const first = shapes.run.outcome.kind === 'ran' ? shapes.run.outcome.attempts[0] : undefined
      expect(first?.reportFiles).toHaveLength(v.reports)
      expect(shapes.log.join('\n')).toMatch(/jest found \(npm test → jest --ci\); auto-report adds --json/)
    })

    it('ends each shape as jest would after the retries: flaky ones flaky, the real failure failed with its message', () => {
      const t = shapes.run.tests
      expect(t).toHaveLength(10)
      expect([1, 2, 3].map((n) => statusOf(find(t, 'same title', n)))).toEqual([
        'passed after 1',
        'failed after 3',
        'passed after 1'
      ])
      expect(statusOf(find(t, 'flaky'))).toBe('flaky after 2')
      expect(statusOf(find(t, HOSTILE))).toBe('flaky after 2')
      expect(statusOf(find(t, 'b top-level flaky'))).toBe('flaky after 2')
      expect(find(t, 'b top-level flaky').suite).toEqual([])
      expect(statusOf(find(t, 'top level'))).toBe('passed after 1')
      expect(find(t, 'nested').suite).toEqual(['calc', 'inner'])
      expect(statusOf(find(t, 'skipped'))).toBe('skipped after 1')
      const always = find(t, 'always fails')
      expect(statusOf(always)).toBe('failed after 3')
      expect(always.attempts[2]!.message).toContain('expect(received).toBe(expected)')
      expect(always.line).toBe(7)
    })

    it('retries only the failed tests by exact name; a test the filter skipped is not an attempt', () => {
      const attempts = commandAttempts(shapes.run)
      expect(attempts.map((a) => a.scope)).toEqual(['all', 'failed-only', 'failed-only'])
      expect(attempts[1]!.command).toMatch(/--testNamePattern/)
      // Attempt 2 ran the 5 failed tests and the 2 same-titled siblings of "same title" #2, and skipped the
      // other 3 (jest's own count says so); only the 5 that were retried have a second attempt.
      expect(jestConsole(shapes.consoles[1]!)).toMatchObject({ passed: 5, failed: 2, skipped: 3 })
      expect(attemptCounts(shapes.run.tests, 2)).toMatchObject({ tests: 5, failed: 2 })
    })

    it('a file that fails to load is a failed test of its file, retried by file: one never loads, one loads on attempt 2', () => {
      expect(jestConsole(loading.consoles[0]!)).toEqual(LOADING_ATTEMPT_1)
      expect(attemptCounts(loading.run.tests, 1)).toEqual(LOADING_ATTEMPT_1)
      const attempts = commandAttempts(loading.run)
      expect(attempts[1]!.command).not.toMatch(/--testNamePattern/)
      expect(attempts[1]!.command).toMatch(/broken\\\.test\\\.js\$.*late\\\.test\\\.js\$/)
      for (const [file, outcome] of Object.entries(LOADING_OUTCOME))
        expect(byFile(loading, file)).toEqual(outcome)
      expect(byFile(loading, 'ok.test.js')).toEqual(['ok: passed after 1'])
      const broken = loading.run.tests.find((x) => x.file === 'broken.test.js')!
      expect(broken.attempts[0]!.message).toMatch(/Cannot find module '\.\/missing-module'/)
    })

    it("gives jest its own --shard from PYRAMID_SHARD (the reusable workflow's matrix), and counts what that shard ran", () => {
      const attempts = commandAttempts(sharded.run)
      expect(attempts[0]!.command).toMatch(/--shard=2\/2$/)
      const console = jestConsole(sharded.consoles[0]!)
      const ours = attemptCounts(sharded.run.tests, 1)
      expect(ours.tests + ours.loadFailures).toBeLessThan(3)
      expect(ours).toEqual(console)
    })

    // Only the jest-junit setup writes a report of its own.
    if (v.reports === 2)
      it('names a report that lists 0 tests, with the hint for jest-junit, and keeps the output that says why', () => {
        const notes = emptyReport!.run.notes.map((n) => n.text).join('\n')
        expect(notes).toMatch(/junit\.xml lists 0 tests: .*JEST_JUNIT_REPORT_TEST_SUITE_ERRORS=true/)
        expect(notes).toMatch(
          /auto-report is off: add `--json --outputFile=\$PYRAMID_RESULTS_DIR\/jest-results\.json`/
        )
        expect(emptyReport!.run.failureOutput?.lines.join('\n')).toMatch(
          /Cannot find module '\.\/missing-module'/
        )
      })
  })
}
