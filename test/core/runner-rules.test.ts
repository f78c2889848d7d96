/** Auto-report, sharding, failures no retry can fix, and the output kept to explain a failure (core, pure). */
import { describe, expect, it } from '@jest/globals'
import { planAutoReport, reportHint } from '../../src/core/runners/auto-report.js'
import { detectRunner, type TestRunner } from '../../src/core/runners/detect-runner.js'
import { parseShard, shardPlan } from '../../src/core/runners/shard.js'
import { whyCannotPass } from '../../src/core/retries/cannot-pass.js'
import { outputTail, secretValues } from '../../src/core/results/output-tail.js'

const ctx = { resultsDir: '/r', env: {}, configText: '' }
const plan = (command: string, scripts: Record<string, string> = {}, more: Partial<typeof ctx> = {}) =>
  planAutoReport(detectRunner(command, scripts)!, { ...ctx, ...more })

describe('auto-report', () => {
  it.each([
    ['npx jest', ['--json', '--outputFile=/r/jest-results.json', '--testLocationInResults'], {}],
    [
      'vitest run',
      [
        '--reporter=default',
        '--reporter=junit',
        '--outputFile.junit=/r/vitest-junit.xml',
        '--reporter=json',
        '--outputFile.json=/r/vitest-results.json'
      ],
      {}
    ],
    ['pytest', [], { PYTEST_ADDOPTS: '--junitxml=/r/pytest-junit.xml -o junit_family=xunit1' }],
    [
      'node --test',
      [],
      {
        NODE_OPTIONS:
          '--test-reporter=spec --test-reporter-destination=stdout --test-reporter=junit --test-reporter-destination=/r/node-test-junit.xml'
      }
    ],
    ['go test ./...', ['-json'], {}],
    ['mocha', ['--reporter=json', '--reporter-option=output=/r/mocha-results.json'], {}],
    ['playwright test', ['--reporter=list,junit'], {}]
  ])('%s gets its own built-in report', (command, args, envAppend) => {
    const p = plan(command)
    expect(p.kind).toBe('add')
    if (p.kind !== 'add') return
    expect(p.additions.args).toEqual(args)
    expect(p.additions.envAppend).toEqual(envAppend)
    expect(p.says).toMatch(/auto-report: false turns this off/)
  })

  it("adds vitest's reports beside a config whose reporters only print, giving its console reporters again", () => {
    const p = plan('vitest run', {}, { configText: `test: {\n    reporters: ["verbose", 'dot'],\n  }` })
    expect(p.kind).toBe('add')
    if (p.kind !== 'add') return
    expect(p.additions.args.slice(0, 3)).toEqual(['--reporter=verbose', '--reporter=dot', '--reporter=junit'])
  })

  it('leaves alone a command or config that already writes results, and says why', () => {
    expect(plan('npx jest --json --outputFile=x.json')).toMatchObject({
      kind: 'leave',
      why: expect.stringMatching(/already writes --json/)
    })
    expect(plan('vitest run --reporter=junit').kind).toBe('leave')
    expect(plan('vitest run', {}, { configText: "test: { reporters: ['junit'] }" }).kind).toBe('leave')
    expect(plan('vitest run', {}, { configText: "coverage: { reporter: ['text'] }" }).kind).toBe('add')
    expect(plan('vitest run', {}, { configText: "reporters: ['default', someReporter]" }).kind).toBe('leave')
    expect(plan('vitest run', {}, { configText: "reporters: ['junit']" }).kind).toBe('leave')
    expect(plan('pytest', {}, { env: { PYTEST_ADDOPTS: '--junitxml=out.xml' } }).kind).toBe('leave')
    expect(plan('playwright test', {}, { configText: "reporter: 'html'," }).kind).toBe('leave')
    expect(plan('go test ./... -args -v').kind).toBe('leave')
  })

  it('says so when flags cannot reach the runner, naming the flag to add', () => {
    const p = plan('npm test', { test: 'jest && echo done' })
    expect(p).toMatchObject({
      kind: 'leave',
      why: expect.stringContaining('--json --outputFile=$PYRAMID_RESULTS_DIR/jest-results.json')
    })
  })

  it.each<TestRunner>(['jest', 'vitest', 'pytest', 'node:test', 'go', 'mocha', 'playwright'])(
    '%s: the hint names $PYRAMID_RESULTS_DIR',
    (r) => {
      expect(reportHint(r)).toMatch(/\$PYRAMID_RESULTS_DIR/)
    }
  )
})

describe('sharding', () => {
  it.each([
    ['jest', { kind: 'args', args: ['--shard=2/3'], envAppend: {} }],
    ['vitest', { kind: 'args', args: ['--shard=2/3'], envAppend: {} }],
    ['playwright', { kind: 'args', args: ['--shard=2/3'], envAppend: {} }],
    ['node:test', { kind: 'args', args: [], envAppend: { NODE_OPTIONS: '--test-shard=2/3' } }]
  ] as const)('%s gets its own flag', (runner, expected) => {
    expect(shardPlan(runner, { index: 2, total: 3 })).toEqual(expected)
  })

  it('runners without one run everything in shard 1 and skip the others, saying why', () => {
    expect(shardPlan('pytest', { index: 1, total: 2 })).toMatchObject({ kind: 'all-in-first', skip: false })
    expect(shardPlan('go', { index: 2, total: 2 })).toMatchObject({
      kind: 'all-in-first',
      skip: true,
      why: expect.stringMatching(/go test has no built-in sharding flag.*this one \(2\/2\) runs none/)
    })
  })

  it.each([
    ['2/3', { index: 2, total: 3 }],
    ['1/1', undefined],
    ['0/2', undefined],
    ['3/2', undefined],
    ['x', undefined],
    [undefined, undefined]
  ])('PYRAMID_SHARD=%s', (value, expected) => {
    expect(parseShard(value)).toEqual(expected)
  })
})

describe('failures no retry can fix', () => {
  const fails = (output: string[], exitCode = 1, runner?: TestRunner) =>
    whyCannotPass({ exitCode, output, runner })
  it.each([
    [
      ['bash: line 1: jestt: command not found'],
      127,
      undefined,
      /not found \(exit 127\): bash: line 1: jestt: command not found/
    ],
    [['npm error Missing script: "test:unit"'], 1, undefined, /npm has no script "test:unit"/],
    [['npm ERR! missing script: test:unit'], 1, undefined, /npm has no script "test:unit"/],
    [[' ERR_PNPM_NO_SCRIPT  Missing script: test:unit'], 1, undefined, /pnpm has no script "test:unit"/],
    [['error Command "test:unit" not found.'], 1, undefined, /yarn has no script or binary "test:unit"/],
    [
      ['  ● Validation Error:', '  Could not resolve a module for a custom reporter.'],
      1,
      'jest',
      /custom reporter/
    ],
    [
      ["Error: Cannot find module '/repo/node_modules/jest/bin/jest.js'"],
      1,
      undefined,
      /a module cannot be resolved/
    ],
    [['Jest: "global" coverage threshold for lines (80%) not met: 71.4%'], 1, 'jest', /coverage threshold/],
    [['no tests ran'], 5, 'pytest', /pytest collected no tests/],
    [['ERROR: usage: pytest [options]'], 4, 'pytest', /exit 4, usage error/],
    [['FAIL\texample.com/x [build failed]'], 2, 'go', /does not build/]
  ] as const)('%j (exit %s) → %s', (output, exitCode, runner, why) => {
    expect(fails([...output], exitCode, runner)).toMatch(why)
  })

  it('retries what might pass: a failing test, a module missing in one test file (a load failure), a crash', () => {
    expect(fails(["Cannot find module './x' from 'a.test.js'"], 1, 'jest')).toBeUndefined()
    expect(fails(['Segmentation fault'], 139)).toBeUndefined()
    expect(fails(['no tests ran'], 5, 'jest')).toBeUndefined()
    expect(fails(['anything'], 0)).toBeUndefined()
  })
})

describe('the output kept to explain a failure', () => {
  it('keeps the last 40 lines without colour codes, long lines cut, secrets masked', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`)
    lines.push(
      '\u001b[31mred\u001b[0m token=sk-secret-value-1 and ghp_abcdefghijklmnopqrstuvwxyz0123 AKIAABCDEFGHIJKLMNOP'
    )
    lines.push('Authorization: Bearer abcdefghijk.lmn', 'x'.repeat(1000))
    const tail = outputTail(
      lines,
      secretValues({ MY_TOKEN: 'sk-secret-value-1', AWS_ACCESS_KEY_ID: 'test', HOME: '/root' })
    )
    expect(tail).toHaveLength(40)
    expect(tail[0]).toBe('line 23')
    expect(tail[37]).toBe('red token=*** and *** ***')
    expect(tail[38]).toBe('Authorization: Bearer ***')
    expect(tail[39]!.length).toBeLessThan(410)
  })
})
