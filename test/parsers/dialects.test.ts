/** Hand-written JUnit fixtures, one per dialect (test/fixtures/reports), with hand-checked counts. */
import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { countTests, toTestCases, type ParsedReport, type ParsedTest } from '../../src/core/results/model.js'
import { readReport } from '../../src/parsers/index.js'

const FIXTURES = path.resolve('test/fixtures/reports')

async function parsed(name: string): Promise<ParsedReport> {
  const r = await readReport(path.join(FIXTURES, name))
  if (!r.ok) throw new Error(r.reason)
  return r.report
}
const outcomes = (t: ParsedTest | undefined) => t?.attempts.map((a) => a.outcome)
const byName = (r: ParsedReport, name: string, suite?: string) =>
  r.tests.find((t) => t.name === name && (suite === undefined || t.suite.includes(suite)))

describe('JUnit dialects', () => {
  it.each([
    // fixture, dialect, tests, passed (flaky included), failed, skipped, flaky
    ['pytest.xml', 'pytest', 6, 2, 2, 2, 0],
    ['pytest-xunit1.xml', 'pytest', 2, 1, 1, 0, 0],
    ['pytest-rerunfailures-16.6.1.xml', 'pytest', 3, 2, 1, 0, 1],
    ['go-junit-report.xml', 'go-junit-report', 5, 3, 1, 1, 1],
    ['surefire.xml', 'surefire', 5, 3, 1, 1, 1],
    ['playwright.xml', 'playwright', 5, 3, 1, 1, 1],
    ['phpunit.xml', 'phpunit', 6, 3, 2, 1, 0],
    ['xcode-repetitions.xml', undefined, 4, 2, 1, 1, 1],
    ['bun.xml', 'bun', 5, 2, 1, 2, 0],
    ['karma.xml', 'karma', 4, 2, 1, 1, 0],
    ['mocha.xml', 'mocha', 4, 2, 1, 1, 0]
  ])(
    '%s (%s): %i tests, %i passed, %i failed, %i skipped, %i flaky',
    async (file, dialect, tests, passed, failed, skipped, flaky) => {
      const r = await parsed(file)
      expect(r.format).toBe('junit')
      expect(r.dialect).toBe(dialect)
      const c = countTests(toTestCases(r.tests, 'unit', 1))
      expect(c).toEqual({ tests, passed, failed, skipped, flaky, executed: tests - skipped })
    }
  )

  it('pytest: classname is the suite, errors are failures, xfail is skipped, messages kept', async () => {
    const r = await parsed('pytest.xml')
    expect(byName(r, 'test_div')).toMatchObject({ suite: ['pytest', 'tests.test_calc'] })
    expect(byName(r, 'test_div')!.attempts[0]!.message).toBe('assert 3 == 2\n +  where 3 = divide(6, 2)')
    expect(byName(r, 'test_div')!.attempts[0]!.trace).toContain('tests/test_calc.py:9: AssertionError')
    // No file attribute in xunit2: a line is never guessed from the trace.
    expect(byName(r, 'test_div')!.line).toBeUndefined()
    expect(byName(r, 'test_db')!.attempts[0]).toMatchObject({
      outcome: 'failed',
      message: 'failed on setup with "RuntimeError: no database"'
    })
    expect(byName(r, 'test_xfail')!.attempts[0]).toMatchObject({
      outcome: 'skipped',
      message: 'known rounding bug'
    })
  })

  it('pytest-rerunfailures 16.6.1: one record per execution, the reruns before the result (a rerun follows a failure)', async () => {
    const r = await parsed('pytest-rerunfailures-16.6.1.xml')
    expect(outcomes(byName(r, 'test_always_fails'))).toEqual(['failed', 'failed', 'failed'])
    expect(outcomes(byName(r, 'test_flaky'))).toEqual(['failed', 'passed'])
    expect(outcomes(byName(r, 'test_ok'))).toEqual(['passed'])
    expect(byName(r, 'test_flaky')!.attempts[0]!.message).toMatch(/re-run by pytest-rerunfailures/)
  })

  it('pytest xunit1: file kept, its 0-based line attribute made 1-based', async () => {
    const r = await parsed('pytest-xunit1.xml')
    expect(byName(r, 'test_add')).toMatchObject({ file: 'tests/test_calc.py', line: 4 })
    expect(byName(r, 'test_div')).toMatchObject({ file: 'tests/test_calc.py', line: 7 })
  })

  it('go-junit-report: -count=2 repetitions are attempts of one test, in order', async () => {
    const r = await parsed('go-junit-report.xml')
    expect(r.tests.map((t) => t.name)).toEqual([
      'TestAdd',
      'TestFlaky',
      'TestDiv',
      'TestTable/positive',
      'TestSkip'
    ])
    expect(byName(r, 'TestFlaky')).toMatchObject({ suite: ['example.com/calc'] })
    expect(outcomes(byName(r, 'TestFlaky'))).toEqual(['failed', 'passed'])
    expect(outcomes(byName(r, 'TestDiv'))).toEqual(['failed', 'failed'])
    expect(byName(r, 'TestFlaky')!.attempts[0]!.message).toBe('Failed')
  })

  it('surefire: flakyFailure/flakyError are failed runs before the pass; rerunFailure/rerunError follow the failure', async () => {
    const r = await parsed('surefire.xml')
    const flaky = byName(r, 'sometimesTimesOut')!
    expect(flaky.suite).toEqual(['com.example.CalcTest'])
    expect(outcomes(flaky)).toEqual(['failed', 'failed', 'passed'])
    expect(flaky.attempts[0]).toMatchObject({ message: 'expected: <2> but was: <3>' })
    expect(flaky.attempts[0]!.trace).toContain('CalcTest.java:27')
    expect(flaky.attempts[0]!.trace).not.toContain('first run output')
    expect(flaky.attempts[1]).toMatchObject({ message: 'Connection reset' })
    expect(flaky.attempts[2]).toEqual({ outcome: 'passed', durationMs: 120 })
    const broken = byName(r, 'alwaysBroken')!
    expect(outcomes(broken)).toEqual(['failed', 'failed', 'failed'])
    expect(broken.attempts.map((a) => a.message)).toEqual([
      'expected: <true> but was: <false>',
      'expected: <true> but was: <false>',
      'boom'
    ])
  })

  it('playwright: project, file and describe titles in the suite path, file from the suite, line from the report header', async () => {
    const r = await parsed('playwright.xml')
    const chromium = byName(r, 'rejects a bad password', 'chromium')!
    expect(chromium).toMatchObject({
      suite: ['chromium', 'login.spec.ts', 'login'],
      file: 'login.spec.ts',
      line: 12
    })
    expect(outcomes(chromium)).toEqual(['failed', 'failed'])
    expect(chromium.attempts.map((a) => a.durationMs)).toEqual([1100, 1000])
    const firefox = byName(r, 'shows the form', 'firefox')!
    expect(outcomes(firefox)).toEqual(['failed', 'passed'])
    expect(firefox.attempts[0]).toMatchObject({
      durationMs: 300,
      message: 'page.goto: net::ERR_CONNECTION_REFUSED'
    })
    expect(outcomes(byName(r, 'shows the form', 'chromium'))).toEqual(['passed'])
  })

  it('phpunit: nested suites, file and line attributes win over the trace', async () => {
    const r = await parsed('phpunit.xml')
    const divide = byName(r, 'testDivide')!
    expect(divide).toMatchObject({
      file: '/app/tests/Unit/CalcTest.php',
      line: 18,
      suite: ['unit', 'Tests\\Unit\\CalcTest']
    })
    expect(divide.attempts[0]!.message).toBe('Tests\\Unit\\CalcTest::testDivide')
    const row = byName(r, 'testMultiply with data set "negative"')!
    expect(row.suite).toEqual(['unit', 'Tests\\Unit\\CalcTest', 'Tests\\Unit\\CalcTest::testMultiply'])
    expect(row.line).toBe(40)
  })

  it('xcode repetitions: repeated testcases are one test with attempts in execution order', async () => {
    const r = await parsed('xcode-repetitions.xml')
    expect(outcomes(byName(r, 'testUpload'))).toEqual(['failed', 'failed', 'passed'])
    expect(byName(r, 'testUpload')!.attempts.map((a) => a.durationMs)).toEqual([210, 180, 150])
    expect(outcomes(byName(r, 'testParse'))).toEqual(['failed', 'failed', 'failed'])
    expect(byName(r, 'testSkipped')!.attempts[0]!.message).toBe('Test skipped - needs a device')
  })

  it('bun: nested describe suites, the classname path not repeated, file and line attributes', async () => {
    const r = await parsed('bun.xml')
    expect(byName(r, 'deep')).toMatchObject({
      suite: ['src/calc.test.ts', 'calc', 'nested'],
      file: 'src/calc.test.ts',
      line: 16
    })
    expect(byName(r, 'divides')!.attempts[0]).toEqual({ outcome: 'failed', durationMs: 2 })
  })

  it('karma: browser suite, suite-level output ignored, no file so no line', async () => {
    const r = await parsed('karma.xml')
    const divides = byName(r, 'Calc divides')!
    expect(divides.suite).toEqual([
      'Chrome Headless 131.0.0.0 (Linux x86_64)',
      'Chrome_Headless_131.0.0.0_(Linux_x86_64).Calc'
    ])
    expect(divides.attempts[0]!.message).toBe('Error: Expected 3 to be 2.')
    expect(divides.line).toBeUndefined()
  })

  it('mocha: file from the suite, line from the first frame in that file', async () => {
    const r = await parsed('mocha.xml')
    expect(byName(r, 'Calc divides')).toMatchObject({ suite: ['Calc'], file: 'test/calc.spec.js', line: 11 })
    expect(byName(r, 'Calc rounding keeps two decimals')!.suite).toEqual(['Calc rounding'])
  })
})
