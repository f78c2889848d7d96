/**
 * Real vitest 4 (the root's) and 3 (the toolchain's) with nothing configured: auto-report adds vitest's
 * junit and json reporters beside the default one, and the two reports of each attempt are merged. Our
 * counts against vitest's own console summary, per shape.
 */
import { beforeAll, expect, it } from '@jest/globals'
import { stripVTControlCharacters } from 'node:util'
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

const VERSIONS = [
  {
    name: 'vitest 4',
    tool: { dir: path.join(ROOT, 'node_modules/vitest') },
    nodeModules: path.join(ROOT, 'node_modules')
  },
  { name: 'vitest 3', tool: toolchain('vitest'), nodeModules: TOOLCHAIN }
]

/** " Tests  5 failed | 4 passed | 1 skipped (10)" and "Failed Suites 2". */
function vitestConsole(lines: string[]) {
  const text = stripVTControlCharacters(lines.join('\n'))
  const tests = /^\s*Tests\s+(.*)$/m.exec(text)?.[1] ?? ''
  return {
    tests: count(tests, /\((\d+)\)/),
    passed: count(tests, /(\d+) passed/),
    failed: count(tests, /(\d+) failed/),
    skipped: count(tests, /(\d+) skipped/),
    loadFailures: count(text, /Failed Suites (\d+)/)
  }
}

for (const v of VERSIONS) {
  describeWithTool(v.name, v.tool, () => {
    let shapes: EngineRun
    let loading: EngineRun
    let filtered: EngineRun
    let consoleOnly: EngineRun
    beforeAll(async () => {
      const pkg = { name: 'shapes', private: true, type: 'module', scripts: { test: 'vitest run' } }
      const shapesDir = await jsProject(
        { 'shapes.test.js': shapesSource('vitest') },
        { nodeModules: v.nodeModules, packageJson: pkg, prefix: 'vitest-shapes' }
      )
      shapes = await runEngine({ dir: shapesDir, command: 'npm test' })
      const loadingDir = await jsProject(loadingSources('vitest'), {
        nodeModules: v.nodeModules,
        packageJson: pkg,
        prefix: 'vitest-loading'
      })
      loading = await runEngine({ dir: loadingDir, command: 'npx vitest run' })
      // The user's own path filter: the files of unit/, and a failing file elsewhere it leaves out.
      const unit = Object.entries(loadingSources('vitest')).map(([f, src]) => [`unit/${f}`, src])
      const other = `import { test } from 'vitest'\ntest('outside the filter', () => { throw new Error('ran') })\n`
      const filteredDir = await jsProject(Object.fromEntries([...unit, ['other/other.test.js', other]]), {
        nodeModules: v.nodeModules,
        packageJson: pkg,
        prefix: 'vitest-filtered'
      })
      filtered = await runEngine({ dir: filteredDir, command: 'npx vitest run unit' })
      // A config that names reporters, all of which only print (as aws-sdk-vitest-mock's does).
      const consoleOnlyDir = await jsProject(
        {
          'shapes.test.js': shapesSource('vitest'),
          'vitest.config.js': `export default { test: { reporters: ['verbose'] } }\n`
        },
        { nodeModules: v.nodeModules, packageJson: pkg, prefix: 'vitest-console-only' }
      )
      consoleOnly = await runEngine({ dir: consoleOnlyDir, command: 'npx vitest run', retries: 0 })
    }, 300_000)

    it("counts attempt 1 as vitest's own console does, its junit and json reports merged", () => {
      const console = vitestConsole(shapes.consoles[0]!)
      expect(console).toEqual({ tests: 10, passed: 4, failed: 5, skipped: 1, loadFailures: 0 })
      expect(attemptCounts(shapes.run.tests, 1)).toEqual(console)
      const first = shapes.run.outcome.kind === 'ran' ? shapes.run.outcome.attempts[0] : undefined
      expect(first?.reportFiles.map((f) => path.basename(f))).toEqual([
        'vitest-junit.xml',
        'vitest-results.json'
      ])
    })

    it('ends each shape as vitest would after the retries', () => {
      const t = shapes.run.tests
      expect(t).toHaveLength(10)
      expect([1, 2, 3].map((n) => statusOf(find(t, 'same title', n)))).toEqual([
        'passed after 1',
        'failed after 3',
        'passed after 1'
      ])
      for (const name of ['flaky', HOSTILE, 'b top-level flaky'])
        expect(statusOf(find(t, name))).toBe('flaky after 2')
      expect(find(t, 'nested').suite).toEqual(['calc', 'inner'])
      expect(find(t, 'top level').suite).toEqual([])
      expect(statusOf(find(t, 'skipped'))).toBe('skipped after 1')
      expect(statusOf(find(t, 'always fails'))).toBe('failed after 3')
      expect(find(t, 'always fails').attempts[2]!.message).toMatch(/expected 2 to be 3/)
      const attempts = commandAttempts(shapes.run)
      expect(attempts[1]!.command).toMatch(/ shapes\.test\.js -t /)
      expect(attemptCounts(shapes.run.tests, 2)).toMatchObject({ tests: 5, failed: 2 })
    })

    it('a file that fails to load is retried by its path, never as a -t pattern', () => {
      expect(vitestConsole(loading.consoles[0]!)).toEqual(LOADING_ATTEMPT_1)
      expect(attemptCounts(loading.run.tests, 1)).toEqual(LOADING_ATTEMPT_1)
      const attempts = commandAttempts(loading.run)
      expect(attempts[1]!.command).toMatch(/ broken\.test\.js late\.test\.js$/)
      for (const [file, outcome] of Object.entries(LOADING_OUTCOME))
        expect(byFile(loading, file)).toEqual(outcome)
    })

    it("replaces the user's path filter with the failed files: a retry runs only them", () => {
      const files = (lines: string[]) =>
        count(stripVTControlCharacters(lines.join('\n')), /Test Files .*\((\d+)\)/)
      expect(files(filtered.consoles[0]!)).toBe(3)
      const retry = commandAttempts(filtered.run)[1]!.command
      expect(retry).toMatch(/^npx vitest run .* unit\/broken\.test\.js unit\/late\.test\.js$/)
      expect(retry).not.toMatch(/ unit /)
      // vitest ORs its filters: with "unit" kept, attempt 2 would have run unit/ok.test.js again (3 files).
      expect(files(filtered.consoles[1]!)).toBe(2)
      expect(filtered.run.tests.map((t) => t.file)).not.toContain('other/other.test.js')
      expect(byFile(filtered, 'unit/late.test.js')).toEqual(LOADING_OUTCOME['late.test.js'])
    })

    it('adds its reports beside a config whose reporters only print, and gives that console reporter again', () => {
      expect(consoleOnly.log.join('\n')).toMatch(/auto-report adds --reporter=verbose --reporter=junit/)
      const console = vitestConsole(consoleOnly.consoles[0]!)
      expect(console).toEqual({ tests: 10, passed: 4, failed: 5, skipped: 1, loadFailures: 0 })
      expect(attemptCounts(consoleOnly.run.tests, 1)).toEqual(console)
    })
  })
}
