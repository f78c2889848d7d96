/**
 * Real node:test (Node's own, with its junit reporter added through NODE_OPTIONS beside spec on stdout)
 * and mocha (its json reporter to a file), run through our tier runner with nothing configured.
 */
import { beforeAll, expect, it } from '@jest/globals'
import { commandAttempts } from '../../src/core/results/run.js'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { attemptCounts, count, find, runEngine, statusOf, type EngineRun } from './engine.js'
import { HOSTILE, jsProject, loadingSources, shapesSource } from './js-projects.js'
import { describeWithTool, ROOT, toolchain, TOOLCHAIN } from './tools.js'

/** "ℹ tests 10", "ℹ pass 4", "ℹ fail 5", "ℹ skipped 1". */
function nodeTestConsole(lines: string[]) {
  const text = lines.join('\n')
  return {
    tests: count(text, /^ℹ tests (\d+)/m),
    passed: count(text, /^ℹ pass (\d+)/m),
    failed: count(text, /^ℹ fail (\d+)/m),
    skipped: count(text, /^ℹ skipped (\d+)/m)
  }
}

describeWithTool('node:test', { dir: process.execPath }, () => {
  let shapes: EngineRun
  let loading: EngineRun
  beforeAll(async () => {
    const pkg = { name: 'shapes', private: true, type: 'module', scripts: { test: 'node --test' } }
    const dir = await jsProject(
      { 'test/shapes.test.js': shapesSource('node:test') },
      { nodeModules: path.join(ROOT, 'node_modules'), packageJson: pkg, prefix: 'node-test-shapes' }
    )
    shapes = await runEngine({ dir, command: 'npm test' })
    const loadingDir = await jsProject(
      Object.fromEntries(Object.entries(loadingSources('node:test')).map(([f, s]) => [`test/${f}`, s])),
      { nodeModules: path.join(ROOT, 'node_modules'), packageJson: pkg, prefix: 'node-test-loading' }
    )
    loading = await runEngine({ dir: loadingDir, command: 'node --test' })
  }, 300_000)

  it("counts attempt 1 as node's own spec summary does, from its junit report", () => {
    const console = nodeTestConsole(shapes.consoles[0]!)
    expect(console).toEqual({ tests: 10, passed: 4, failed: 5, skipped: 1 })
    expect(attemptCounts(shapes.run.tests, 1)).toEqual({ ...console, loadFailures: 0 })
  })

  it('retries the failed tests by name through NODE_OPTIONS; a test filtered out is not an attempt', () => {
    const t = shapes.run.tests
    for (const name of ['flaky', HOSTILE, 'b top-level flaky'])
      expect(statusOf(find(t, name))).toBe('flaky after 2')
    expect(statusOf(find(t, 'same title', 2))).toBe('failed after 3')
    expect(statusOf(find(t, 'same title', 3))).toBe('passed after 1')
    expect(statusOf(find(t, 'top level'))).toBe('passed after 1')
    expect(statusOf(find(t, 'skipped'))).toBe('skipped after 1')
    expect(find(t, 'always fails').attempts[2]!.message).toMatch(/Expected values to be strictly equal/)
    expect(shapes.log.join('\n')).toMatch(/node --test: re-running 5 failed test\(s\)/)
  })

  it('counts a file that fails to load as node does (a failed test), and re-runs the whole command for it', () => {
    const console = nodeTestConsole(loading.consoles[0]!)
    expect(console).toEqual({ tests: 3, passed: 1, failed: 2, skipped: 0 })
    const c = attemptCounts(loading.run.tests, 1)
    expect(c.tests + c.loadFailures).toBe(console.tests)
    expect(c.loadFailures).toBe(2)
    const late = loading.run.tests
      .filter((x) => x.file === 'test/late.test.js')
      .map((x) => `${x.name}: ${statusOf(x)}`)
    expect(late).toEqual(['Test suite failed to run: flaky after 2'])
    expect(find(loading.run.tests, 'late').attempts.map((a) => a.runAttempt)).toEqual([2, 3])
  })
})

/** "  4 passing", "  5 failing", "  1 pending", from a plain mocha run (its spec reporter). */
function mochaConsole(text: string) {
  const plain = stripVTControlCharacters(text)
  const passed = count(plain, /(\d+) passing/)
  const failed = count(plain, /(\d+) failing/)
  const skipped = count(plain, /(\d+) pending/)
  return { tests: passed + failed + skipped, passed, failed, skipped }
}

describeWithTool('mocha', toolchain('mocha'), () => {
  let dir: string
  let shapes: EngineRun
  let loading: EngineRun
  beforeAll(async () => {
    const pkg = { name: 'shapes', private: true, scripts: { test: 'mocha test/*.test.js' } }
    dir = await jsProject(
      { 'test/shapes.test.js': shapesSource('mocha') },
      { nodeModules: TOOLCHAIN, packageJson: pkg, prefix: 'mocha' }
    )
    shapes = await runEngine({ dir, command: 'npm test' })
    const loadingDir = await jsProject(
      {
        'test/broken.test.js': `console.log('token: ' + process.env.MY_API_TOKEN)\n${loadingSources('mocha')['broken.test.js']!}`,
        'test/ok.test.js': loadingSources('mocha')['ok.test.js']!
      },
      { nodeModules: TOOLCHAIN, packageJson: pkg, prefix: 'mocha-loading' }
    )
    loading = await runEngine({
      dir: loadingDir,
      command: 'npm test',
      env: { MY_API_TOKEN: 'sk-very-secret-value' }
    })
  }, 300_000)

  it("counts attempt 1 as mocha's own console does (its spec reporter, in a plain run)", () => {
    const plain = spawnSync('npx', ['mocha', 'test/*.test.js'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PYRAMID_ATTEMPT: '1' }
    })
    const console = mochaConsole(plain.stdout + plain.stderr)
    expect(console).toEqual({ tests: 10, passed: 4, failed: 5, skipped: 1 })
    expect(attemptCounts(shapes.run.tests, 1)).toEqual({ ...console, loadFailures: 0 })
  })

  it('retries the failed tests with --grep of their full titles', () => {
    const t = shapes.run.tests
    for (const name of ['flaky', HOSTILE, 'b top-level flaky'])
      expect(statusOf(find(t, name))).toBe('flaky after 2')
    expect(statusOf(find(t, 'same title', 2))).toBe('failed after 3')
    expect(statusOf(find(t, 'nested'))).toBe('passed after 1')
    const attempts = commandAttempts(shapes.run)
    expect(attempts[1]!.command).toMatch(/--grep /)
  })

  it('a file that does not load stops mocha: no report, not retried (it cannot pass), the output (secrets masked) says why', () => {
    const attempts = commandAttempts(loading.run)
    expect(attempts).toHaveLength(1)
    expect(loading.run.notes.map((n) => n.text).join('\n')).toMatch(
      /not retried: a module cannot be resolved: \.\/missing-module/
    )
    const output = loading.run.failureOutput?.lines.join('\n') ?? ''
    expect(output).toMatch(/Cannot find module '\.\/missing-module'/)
    expect(output).toContain('token: ***')
    expect(output).not.toContain('sk-very-secret-value')
  })
})
