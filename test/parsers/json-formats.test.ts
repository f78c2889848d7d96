/** CTRF (hand-written fixture, checked against the ctrf package's schema) and JSON edge cases. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { validate } from 'ctrf'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { countTests, toTestCases, type ParsedReport } from '../../src/core/results/model.js'
import { readReport } from '../../src/parsers/index.js'
import { JSON_MAX_BYTES } from '../../src/parsers/limits.js'

const CTRF = path.resolve('test/fixtures/reports/ctrf.json')
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-json-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function parsed(file: string): Promise<ParsedReport> {
  const r = await readReport(file)
  if (!r.ok) throw new Error(r.reason)
  return r.report
}

describe('CTRF', () => {
  it('the fixture is valid CTRF', async () => {
    expect(validate(JSON.parse(await readFile(CTRF, 'utf8'))).valid).toBe(true)
  })

  it('maps statuses, suites, files and lines; retries and flaky become attempts', async () => {
    const r = await parsed(CTRF)
    expect(r).toMatchObject({ format: 'ctrf', dialect: 'jest' })
    expect(countTests(toTestCases(r.tests, 'unit', 1))).toEqual({
      tests: 6,
      passed: 3,
      failed: 1,
      skipped: 2,
      flaky: 2,
      executed: 4
    })
    const [adds, detailed, byCount, fails] = r.tests
    expect(adds).toMatchObject({ file: 'src/calc.test.ts', line: 4, suite: ['calc'], name: 'adds' })
    // retryAttempts are sorted by number; two listed + retries 2 = the earlier runs, then the reported one.
    expect(detailed!.attempts).toEqual([
      expect.objectContaining({ outcome: 'failed', durationMs: 10, message: 'ECONNRESET' }),
      expect.objectContaining({ outcome: 'failed', durationMs: 11, message: 'socket hang up' }),
      { outcome: 'passed', durationMs: 20 }
    ])
    expect(detailed!.suite).toEqual(['calc', 'network'])
    expect(detailed!.line).toBe(18)
    expect(byCount!.attempts.map((a) => a.outcome)).toEqual(['failed', 'passed'])
    expect(fails!.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed'])
    expect(fails!.attempts[2]!.message).toBe('expected 3 to be 2')
    expect(fails!.line).toBe(27)
  })

  it('accepts the older string suite and a BOM', async () => {
    const file = path.join(dir, 'old.json')
    const doc = {
      results: { tool: { name: 'x' }, tests: [{ name: 't', status: 'failed', duration: 1, suite: 'a > b' }] }
    }
    await writeFile(file, '\uFEFF' + JSON.stringify(doc))
    expect((await parsed(file)).tests[0]).toMatchObject({ suite: ['a > b'], name: 't' })
  })
})

describe('JSON edge cases', () => {
  it.each([
    [
      'not-a-report.json',
      '{"name":"pkg","version":"1.0.0"}',
      'not CTRF, Jest/vitest --json, mocha json or go test -json output'
    ],
    ['broken.json', '{"results": {"tests": [', 'not valid JSON'],
    ['no-tests.json', '{"results": {"tool": {"name": "x"}}}', 'no results.tests array'],
    ['jest-broken.json', '{"numTotalTests": 1, "testResults": 3}', 'no testResults array']
  ])('%s is refused with a reason', async (name, content, reason) => {
    const file = path.join(dir, name)
    await writeFile(file, content)
    const r = await readReport(file)
    expect(r).toEqual({ ok: false, file, reason: expect.stringContaining(reason) })
    expect(r.ok || r.reason.startsWith(file)).toBe(true)
  })

  it('refuses a JSON report over the size cap before reading it', async () => {
    const file = path.join(dir, 'huge.json')
    await writeFile(file, '{"results": {"tests": []}}')
    await writeFile(file, ' '.repeat(JSON_MAX_BYTES), { flag: 'a' })
    const r = await readReport(file)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(
      /over the 64 MB limit for JSON reports; write a JUnit XML report instead/
    )
  })

  it('a jest file that failed to run is one failed test named after jest', async () => {
    const file = path.join(dir, 'jest-suite-failed.json')
    const doc = {
      numTotalTests: 0,
      testResults: [
        {
          name: '/repo/a.test.js',
          status: 'failed',
          message: '\u001b[1mSyntaxError: Unexpected token\u001b[22m',
          assertionResults: []
        }
      ]
    }
    await writeFile(file, JSON.stringify(doc))
    const r = await parsed(file)
    expect(r.tests).toEqual([
      {
        file: '/repo/a.test.js',
        suite: [],
        name: 'Test suite failed to run',
        attempts: [
          {
            outcome: 'failed',
            durationMs: 0,
            message: 'SyntaxError: Unexpected token',
            trace: 'SyntaxError: Unexpected token'
          }
        ],
        loadFailure: true
      }
    ])
  })
})
