/**
 * Small projects for the JavaScript runners, in every shape real suites have: one title for many cases
 * (test.each / a loop), nested describes, top-level tests, a flaky test (fails on action attempt 1, read
 * from PYRAMID_ATTEMPT), one with a hostile title (retried by an exact pattern), a real failure, a skipped
 * test; and, apart, files that fail to load (always, or only on attempt 1).
 */
import { symlink } from 'node:fs/promises'
import path from 'node:path'
import { writeProject } from './engine.js'

/** Every character a retry pattern or a shell could trip on. */
export const HOSTILE = `it's "quoted" (a|b) [x] $HOME \\ * + ? ^ {2} / .end`

export type JsRunner = 'jest' | 'vitest' | 'mocha' | 'node:test'

const ATTEMPT = `const attempt = Number(process.env.PYRAMID_ATTEMPT || '1')`

interface Dialect {
  header: string
  test: string
  each: (title: string, body: string) => string
  skip: string
  expectGt: (a: string, b: string) => string
  expectEq: (a: string, b: string) => string
  describe: string
}

const JEST_LIKE: Dialect = {
  header: '',
  test: 'test',
  each: (title, body) => `test.each([1, 2, 3])(${JSON.stringify(title)}, (n) => { ${body} })`,
  skip: 'test.skip',
  expectGt: (a, b) => `expect(${a}).toBeGreaterThan(${b})`,
  expectEq: (a, b) => `expect(${a}).toBe(${b})`,
  describe: 'describe'
}

const NODE_ASSERT = {
  each: (test: string) => (title: string, body: string) =>
    `for (const n of [1, 2, 3]) ${test}(${JSON.stringify(title)}, () => { ${body} })`,
  expectGt: (a: string, b: string) => `assert.ok(${a} > ${b}, 'fails on attempt 1')`,
  expectEq: (a: string, b: string) => `assert.strictEqual(${a}, ${b})`
}

const DIALECTS: Record<JsRunner, Dialect> = {
  jest: JEST_LIKE,
  vitest: { ...JEST_LIKE, header: `import { describe, test, expect } from 'vitest'` },
  mocha: {
    header: `const assert = require('node:assert')`,
    test: 'it',
    each: NODE_ASSERT.each('it'),
    skip: 'it.skip',
    expectGt: NODE_ASSERT.expectGt,
    expectEq: NODE_ASSERT.expectEq,
    describe: 'describe'
  },
  'node:test': {
    header: `import { describe, test } from 'node:test'\nimport assert from 'node:assert'`,
    test: 'test',
    each: NODE_ASSERT.each('test'),
    skip: 'test.skip',
    expectGt: NODE_ASSERT.expectGt,
    expectEq: NODE_ASSERT.expectEq,
    describe: 'describe'
  }
}

/** Attempt 1: 10 tests — 5 failed (same title #2, flaky, hostile, always fails, b top-level flaky), 1 skipped, 4 passed. */
export function shapesSource(runner: JsRunner): string {
  const d = DIALECTS[runner]
  return [
    d.header,
    ATTEMPT,
    `${d.describe}('calc', () => {`,
    `  ${d.each('same title', d.expectEq('n === 2', 'false'))}`,
    `  ${d.test}('flaky', () => { ${d.expectGt('attempt', '1')} })`,
    `  ${d.test}(${JSON.stringify(HOSTILE)}, () => { ${d.expectGt('attempt', '1')} })`,
    `  ${d.test}('always fails', () => { ${d.expectEq('1 + 1', '3')} })`,
    `  ${d.skip}('skipped', () => {})`,
    `  ${d.describe}('inner', () => { ${d.test}('nested', () => {}) })`,
    `})`,
    `${d.test}('top level', () => {})`,
    `${d.test}('b top-level flaky', () => { ${d.expectGt('attempt', '1')} })`,
    ''
  ].join('\n')
}

/** A file that never loads, one that loads from attempt 2 on, and a plain one. */
export function loadingSources(runner: JsRunner): Record<string, string> {
  const d = DIALECTS[runner]
  const esm = runner === 'vitest' || runner === 'node:test'
  const missing = (name: string) => (esm ? `await import('./${name}.js')` : `require('./${name}')`)
  return {
    'broken.test.js': `${d.header}\n${missing('missing-module')}\n${d.test}('never runs', () => {})\n`,
    'late.test.js': `${d.header}\n${ATTEMPT}\nif (attempt === 1) ${missing('not-yet')}\n${d.test}('late', () => {})\n`,
    'ok.test.js': `${d.header}\n${d.test}('ok', () => {})\n`
  }
}

/** A project folder whose node_modules is the given one (the root's, or the toolchain's). */
export async function jsProject(
  files: Record<string, string>,
  opts: { nodeModules: string; packageJson: Record<string, unknown>; prefix: string }
): Promise<string> {
  const dir = await writeProject(
    { ...files, 'package.json': JSON.stringify(opts.packageJson, null, 2) },
    opts.prefix
  )
  await symlink(opts.nodeModules, path.join(dir, 'node_modules'), 'dir')
  return dir
}
