/** Test identity (SPEC §7): ordinals for repeated titles, normalised titles, one id for history. */
import { describe, expect, it } from '@jest/globals'
import { normalizeTestId, normalizeTitle, testId } from '../../src/core/results/identity.js'
import { countTests, testStatus, toTestCases, type ParsedTest } from '../../src/core/results/model.js'
import { recordAttempt, testsOfAttempt } from '../../src/core/results/attempt-tests.js'

const passed = { outcome: 'passed' as const, durationMs: 1 }
const failedOnce = { outcome: 'failed' as const, durationMs: 1, message: 'boom' }
const skipped = { outcome: 'skipped' as const, durationMs: 0 }
const t = (name: string, attempts: ParsedTest['attempts'], more: Partial<ParsedTest> = {}): ParsedTest => ({
  file: 'a.test.js',
  suite: ['calc'],
  name,
  attempts,
  ...more
})

describe('identity', () => {
  it('N cases with one title are N tests, told apart by their ordinal', () => {
    const cases = toTestCases([t('same', [passed]), t('same', [failedOnce]), t('same', [passed])], 'unit', 1)
    expect(cases.map((c) => c.id)).toEqual([
      'a.test.js › calc › same',
      'a.test.js › calc › same [#2]',
      'a.test.js › calc › same [#3]'
    ])
    expect(countTests(cases)).toMatchObject({ tests: 3, passed: 2, failed: 1, flaky: 0 })
  })

  it('normalises whitespace and drops a suite named "undefined" (jest-junit) in names and ids', () => {
    const [c] = toTestCases([t('  b   top-level ', [passed], { suite: ['undefined'] })], 'unit', 1)
    expect(c).toMatchObject({ suite: [], name: 'b top-level', id: 'a.test.js › b top-level' })
  })

  it('normalises titles exactly as `\\s+` to one space, trimmed, for every UTF-16 code unit at every place', () => {
    const reference = (s: string) => s.replace(/\s+/g, ' ').trim()
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      for (const title of [ch, `a${ch}b`, `${ch}a`, `a${ch}`, `a ${ch}b`, `a${ch} b`]) {
        const got = normalizeTitle(title)
        if (got !== reference(title)) expect({ c, title, got }).toEqual({ c, title, got: reference(title) })
      }
    }
    const same = 'already normal title'
    expect(normalizeTitle(same)).toBe(same)
  })

  it('drops a suite named after the test file (vitest and Playwright suites are the file)', () => {
    const [c] = toTestCases(
      [t('x', [passed], { file: 'src/a.test.ts', suite: ['a.test.ts', 'calc'] })],
      'unit',
      1
    )
    expect(c!.suite).toEqual(['calc'])
  })

  it('maps ids stored before normalisation to the same id, idempotently', () => {
    expect(normalizeTestId('top.test.js › undefined ›  b top-level flaky')).toBe(
      'top.test.js › b top-level flaky'
    )
    expect(normalizeTestId('a.test.js › calc ›    spaced  name ')).toBe('a.test.js › calc › spaced name')
    const id = testId({ file: 'a.test.js', suite: ['calc'], name: 'same', ordinal: 2 })
    expect(normalizeTestId(id)).toBe(id)
    expect(normalizeTestId(normalizeTestId(' › x'))).toBe(' › x')
  })
})

describe('several reports of one attempt', () => {
  it('are merged, not added: per test the richer source wins per field', () => {
    const junit = {
      format: 'junit' as const,
      dialect: 'jest-junit',
      tests: [
        t('inner nested', [passed], { line: 9 }),
        t('flaky', [passed]),
        t('same', [passed]),
        t('same', [failedOnce])
      ]
    }
    const json = {
      format: 'jest-json' as const,
      tests: [
        t('nested', [passed], { suite: ['calc', 'inner'] }),
        t('flaky', [failedOnce, passed], { line: 4 }),
        t('same', [passed]),
        t('same', [failedOnce])
      ]
    }
    const merged = testsOfAttempt([junit, json], 'unit', 1)
    expect(merged).toHaveLength(4)
    expect(merged.map((m) => `${m.id} ${testStatus(m)}`)).toEqual([
      'a.test.js › calc › inner › nested passed',
      'a.test.js › calc › flaky flaky',
      'a.test.js › calc › same passed',
      'a.test.js › calc › same [#2] failed'
    ])
    expect(merged[0]!.line).toBe(9)
    expect(merged[1]!.line).toBe(4)
  })
})

describe('attempts across retries', () => {
  const first = toTestCases(
    [t('ok', [passed]), t('bad', [failedOnce]), t('same', [passed]), t('same', [failedOnce])],
    'unit',
    1
  )
  const targeted = new Set(first.filter((c) => testStatus(c) === 'failed').map((c) => c.id))

  it('a failed-only retry records attempts only for the tests it re-ran; a filter’s skip is not an attempt', () => {
    const second = toTestCases(
      [t('ok', [skipped]), t('bad', [passed]), t('same', [passed]), t('same', [passed])],
      'unit',
      2
    )
    const after = recordAttempt(first, second, { kind: 'failed-only', targeted, nameFiltered: true }, 2)
    const byName = (id: string) => after.find((c) => c.id === id)!
    expect(byName('a.test.js › calc › ok').attempts).toHaveLength(1)
    expect(byName('a.test.js › calc › same').attempts).toHaveLength(1)
    expect(testStatus(byName('a.test.js › calc › same [#2]'))).toBe('flaky')
    expect(testStatus(byName('a.test.js › calc › bad'))).toBe('flaky')
  })

  it('a file that failed to load and then loaded: its load failure passed (flaky), its tests are new', () => {
    const load = toTestCases(
      [
        {
          file: 'b.test.js',
          suite: [],
          name: 'Test suite failed to run',
          attempts: [failedOnce],
          loadFailure: true
        }
      ],
      'unit',
      1
    )
    const again = toTestCases([{ file: 'b.test.js', suite: [], name: 'x', attempts: [passed] }], 'unit', 2)
    const after = recordAttempt(
      load,
      again,
      { kind: 'failed-only', targeted: new Set([load[0]!.id]), nameFiltered: false },
      2
    )
    expect(after.map((c) => `${c.name} ${testStatus(c)}`)).toEqual([
      'Test suite failed to run flaky',
      'x passed'
    ])
  })
})
