/**
 * Runs the real test runners (installed at the root) on a small suite in a temp dir, so parser tests read
 * what the tools really write. The suite: one passing test, one flaky test (fails on its first execution,
 * counted in a file, then passes), one failing test, one skipped test.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const ROOT = process.cwd()

function flakyBody(counterExpr: string): string {
  return `
    const n = fs.existsSync(${counterExpr}) ? Number(fs.readFileSync(${counterExpr}, 'utf8')) : 0
    fs.writeFileSync(${counterExpr}, String(n + 1))
    if (n === 0) throw new Error('fails on its first execution')`
}

/** Line 12 of every generated test file is the failing assertion, line 7 the flaky test. */
function suiteSource(header: string, describeName: string, counterExpr: string, skip: string): string {
  return [
    header, // lines 1-4
    `describe('${describeName}', () => {`, // 5
    `  test('adds', () => { expect(1 + 1).toBe(2) })`, // 6
    `  test('is flaky', () => {${flakyBody(counterExpr)}`, // 7-10
    `  })`, // 11
    `  test('always fails', () => { expect(1).toBe(2) })`, // 12
    `  ${skip}('is skipped', () => {})`, // 13
    `})`,
    ''
  ].join('\n')
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    // The suites fail on purpose: a non-zero exit is expected, only a missing report is an error.
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...process.env, ...env, CI: 'true' } },
      (err, _out, stderr) =>
        err && typeof err.code !== 'number'
          ? reject(new Error(`${args.join(' ')}: ${err.message}\n${stderr}`))
          : resolve()
    )
  })
}

export interface JestRun {
  dir: string
  junitFile: string
  jsonFile: string
}

/** jest + jest-junit (file attribute on) and `--json`, with jest.retryTimes(2), in two files. */
export async function runJest(): Promise<JestRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-jest-'))
  const header = (retry: string, counter: string): string =>
    [`const fs = require('node:fs')`, `const path = require('node:path')`, retry, `const ${counter}`].join(
      '\n'
    )
  await writeFile(
    path.join(dir, 'calc.test.js'),
    suiteSource(
      header('jest.retryTimes(2)', "counter = path.join(__dirname, 'calc.count')"),
      'calc',
      'counter',
      'test.skip'
    )
  )
  await writeFile(
    path.join(dir, 'logged.test.js'),
    suiteSource(
      header(
        'jest.retryTimes(2, { logErrorsBeforeRetry: true })',
        "counter = path.join(__dirname, 'logged.count')"
      ),
      'logged',
      'counter',
      'test.skip'
    )
  )
  await writeFile(
    path.join(dir, 'jest.config.cjs'),
    "module.exports = { testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.js'] }\n"
  )
  const jsonFile = path.join(dir, 'jest.json')
  await run(
    [
      path.join(ROOT, 'node_modules/jest/bin/jest.js'),
      '--rootDir',
      dir,
      '--config',
      path.join(dir, 'jest.config.cjs'),
      '--ci',
      '--runInBand',
      '--json',
      '--testLocationInResults',
      '--outputFile',
      jsonFile,
      '--reporters=default',
      `--reporters=${path.join(ROOT, 'node_modules/jest-junit')}`
    ],
    ROOT,
    { JEST_JUNIT_OUTPUT_DIR: path.join(dir, 'junit'), JEST_JUNIT_ADD_FILE_ATTRIBUTE: 'true' }
  )
  return { dir, junitFile: path.join(dir, 'junit', 'junit.xml'), jsonFile }
}

/** vitest's junit reporter with --retry=2, same suite shape. */
export async function runVitest(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-vitest-'))
  await writeFile(path.join(dir, 'package.json'), '{"type":"module"}\n')
  const header = [
    `import fs from 'node:fs'`,
    `import path from 'node:path'`,
    `import { describe, test, expect } from 'vitest'`,
    `const counter = path.join(import.meta.dirname, 'calc.count')`
  ].join('\n')
  await writeFile(path.join(dir, 'calc.test.js'), suiteSource(header, 'calc', 'counter', 'test.skip'))
  const out = path.join(dir, 'junit.xml')
  await run(
    [
      path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      dir,
      '--reporter=junit',
      `--outputFile=${out}`,
      '--retry=2'
    ],
    dir
  )
  return out
}

/** node:test's junit reporter: a describe block with pass/fail/skip/todo, plus a top-level test. */
export async function runNodeTest(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-node-test-'))
  const src = [
    `import { describe, test } from 'node:test'`,
    `import assert from 'node:assert/strict'`,
    `describe('calc', () => {`,
    `  test('adds', () => { assert.equal(1 + 1, 2) })`,
    `  test('always fails', () => { assert.equal(1, 2) })`,
    `  test('is skipped', { skip: true }, () => {})`,
    `  test('is todo', { todo: true }, () => {})`,
    `})`,
    `test('top level', () => {})`,
    ''
  ].join('\n')
  await writeFile(path.join(dir, 'calc.test.mjs'), src)
  const out = path.join(dir, 'junit.xml')
  await run(['--test', '--test-reporter=junit', `--test-reporter-destination=${out}`, 'calc.test.mjs'], dir)
  return out
}
