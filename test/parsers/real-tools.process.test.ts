/** The parsers against what the real runners write (generated in beforeAll, see real-tools.ts). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { countTests, toTestCases, type ParsedReport, type ParsedTest } from '../../src/core/results/model.js'
import { readReport } from '../../src/parsers/index.js'
import { runJest, runNodeTest, runVitest, type JestRun } from './real-tools.js'

async function parsed(file: string): Promise<ParsedReport> {
  const r = await readReport(file)
  if (!r.ok) throw new Error(r.reason)
  return r.report
}

const counts = (r: ParsedReport) => countTests(toTestCases(r.tests, 'unit', 1))
const outcomes = (t: ParsedTest | undefined) => t?.attempts.map((a) => a.outcome)
const find = (r: ParsedReport, name: string, suite?: string) =>
  r.tests.find((t) => t.name === name && (suite === undefined || t.suite.includes(suite)))

describe('real runners', () => {
  let jest: JestRun
  let vitest: string
  let nodeTest: string
  beforeAll(async () => {
    jest = await runJest()
    vitest = await runVitest()
    nodeTest = await runNodeTest()
  }, 120_000)
  afterAllRemove(() => [jest?.dir, vitest && path.dirname(vitest), nodeTest && path.dirname(nodeTest)])

  it('jest --json: retries become attempts (invocations, retryReasons), locations become lines', async () => {
    const r = await parsed(jest.jsonFile)
    expect(r.format).toBe('jest-json')
    expect(counts(r)).toEqual({ tests: 8, passed: 4, failed: 2, skipped: 2, flaky: 2, executed: 6 })
    const flaky = find(r, 'is flaky', 'calc')!
    expect(flaky.suite).toEqual(['calc'])
    expect(flaky.file).toBe(path.join(jest.dir, 'calc.test.js'))
    expect(flaky.line).toBe(7)
    expect(outcomes(flaky)).toEqual(['failed', 'passed'])
    // Without logErrorsBeforeRetry jest keeps no reason for the retried failure; with it, it does.
    expect(flaky.attempts[0]!.message).toBeUndefined()
    const logged = find(r, 'is flaky', 'logged')!
    expect(logged.attempts[0]!.message).toBe('Error: fails on its first execution')
    const failing = find(r, 'always fails', 'calc')!
    expect(outcomes(failing)).toEqual(['failed', 'failed', 'failed'])
    expect(failing.line).toBe(12)
    expect(failing.attempts[2]!.message).toContain('expect(received).toBe(expected)')
    expect(outcomes(find(r, 'is skipped', 'calc'))).toEqual(['skipped'])
  })

  it('jest-junit: file attribute kept, line derived from the failure trace, no retry data in the format', async () => {
    const r = await parsed(jest.junitFile)
    expect(r).toMatchObject({ format: 'junit', dialect: 'jest-junit' })
    expect(counts(r)).toEqual({ tests: 8, passed: 4, failed: 2, skipped: 2, flaky: 0, executed: 6 })
    // jest-junit repeats the suite at the start of the name: it is taken out again.
    const failing = find(r, 'always fails', 'calc')!
    expect(failing.suite).toEqual(['calc'])
    expect(failing.file!.endsWith('calc.test.js')).toBe(true)
    expect(failing.line).toBe(12)
    expect(outcomes(failing)).toEqual(['failed'])
    expect(outcomes(find(r, 'is flaky', 'calc'))).toEqual(['passed'])
    expect(find(r, 'is flaky', 'calc')!.line).toBeUndefined()
  })

  it('vitest junit: file from the suite name, one attempt per test (its junit reporter drops retries)', async () => {
    const r = await parsed(vitest)
    expect(r).toMatchObject({ format: 'junit', dialect: 'vitest' })
    expect(counts(r)).toEqual({ tests: 4, passed: 2, failed: 1, skipped: 1, flaky: 0, executed: 3 })
    // vitest writes the describe path into the name ("calc > always fails"): it becomes the suite path.
    const failing = find(r, 'always fails', 'calc')!
    expect(failing).toMatchObject({ file: 'calc.test.js', line: 12, suite: ['calc.test.js', 'calc'] })
    // vitest writes one <failure> per execution (3 here): one failed attempt, identical traces once.
    expect(outcomes(failing)).toEqual(['failed'])
    expect(failing.attempts[0]!.message).toBe('expected 1 to be 2 // Object.is equality')
    expect(failing.attempts[0]!.trace!.split('AssertionError: expected 1 to be 2')).toHaveLength(2)
    expect(outcomes(find(r, 'is flaky', 'calc'))).toEqual(['passed'])
  })

  it('node:test junit: nested and top-level tests, skip and todo are skipped', async () => {
    const r = await parsed(nodeTest)
    expect(r.format).toBe('junit')
    expect(counts(r)).toEqual({ tests: 5, passed: 2, failed: 1, skipped: 2, flaky: 0, executed: 3 })
    expect(find(r, 'top level')!.suite).toEqual([])
    expect(find(r, 'always fails')).toMatchObject({ suite: ['calc'] })
    expect(find(r, 'always fails')!.attempts[0]!.message).toContain('Expected values to be strictly equal')
    expect(outcomes(find(r, 'is todo'))).toEqual(['skipped'])
  })
})

function afterAllRemove(dirs: () => (string | undefined)[]): void {
  afterAll(async () => {
    for (const d of dirs()) if (d) await rm(d, { recursive: true, force: true })
  })
}
