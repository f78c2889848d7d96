/**
 * A user's workspace for process-level tests: a package.json whose test:unit script runs the real jest
 * (with jest-junit) on a small suite with a passing, a failing and a flaky test.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../harness/simulated-runner.js'

const JEST = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js')
const JEST_JUNIT = path.join(REPO_ROOT, 'node_modules', 'jest-junit')

export interface SuiteShape {
  failing?: boolean
  flaky?: boolean
  /** Test file name under test/ (default orders.test.js). */
  fileName?: string
  /** Extra test bodies, name → body. */
  extra?: Record<string, string>
}

export function writeJestWorkspace(workspace: string, shape: SuiteShape = {}): string {
  mkdirSync(path.join(workspace, 'test'), { recursive: true })
  const jest = `node ${JSON.stringify(JEST)} --ci --rootDir . --reporters=default --reporters=${JSON.stringify(JEST_JUNIT)}`
  writeFileSync(
    path.join(workspace, 'package.json'),
    JSON.stringify({ name: 'user-app', private: true, scripts: { 'test:unit': jest } }, null, 2)
  )
  writeFileSync(
    path.join(workspace, 'jest.config.json'),
    JSON.stringify({ testEnvironment: 'node', testMatch: ['**/test/**/*.test.js'] })
  )
  const tests = [
    `test('adds totals', () => { expect(1 + 2).toBe(3) })`,
    shape.failing
      ? `test('rejects an empty order', () => {\n  expect({ items: 0 }).toEqual({ items: 1 })\n})`
      : '',
    shape.flaky ? `test('reads the clock', () => { expect(process.env.PYRAMID_ATTEMPT).not.toBe('1') })` : '',
    ...Object.entries(shape.extra ?? {}).map(
      ([name, body]) => `test(${JSON.stringify(name)}, async () => {${body}})`
    )
  ].filter(Boolean)
  const file = path.join(workspace, 'test', shape.fileName ?? 'orders.test.js')
  writeFileSync(file, `describe('orders', () => {\n${tests.join('\n')}\n})\n`)
  return file
}

const VITEST = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs')

/** The same shape for vitest (junit reporter into PYRAMID_RESULTS_DIR): a flaky test and a second file. */
export function writeVitestWorkspace(workspace: string): void {
  mkdirSync(path.join(workspace, 'test'), { recursive: true })
  const vitest = `node ${JSON.stringify(VITEST)} run --reporter=default --reporter=junit --outputFile.junit=$PYRAMID_RESULTS_DIR/junit.xml`
  writeFileSync(
    path.join(workspace, 'package.json'),
    JSON.stringify(
      { name: 'user-app', private: true, type: 'module', scripts: { 'test:unit': vitest } },
      null,
      2
    )
  )
  writeFileSync(
    path.join(workspace, 'test', 'orders.test.js'),
    `import { describe, it, expect } from 'vitest'\ndescribe('orders', () => {\n  it('adds totals', () => { expect(1 + 2).toBe(3) })\n  it('reads the clock', () => { expect(process.env.PYRAMID_ATTEMPT).not.toBe('1') })\n})\n`
  )
  writeFileSync(
    path.join(workspace, 'test', 'payments.test.js'),
    `import { it, expect } from 'vitest'\nit('charges once', () => { expect(1).toBe(1) })\n`
  )
}
