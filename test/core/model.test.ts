import { describe, expect, it } from '@jest/globals'
import { recordAttempt, testsOfAttempt } from '../../src/core/results/attempt-tests.js'
import {
  countTests,
  mergeTests,
  testStatus,
  toTestCases,
  type AttemptOutcome,
  type ParsedTest
} from '../../src/core/results/model.js'

describe('result model', () => {
  it('derives flaky from a failed then passed attempt', () => {
    const [t] = toTestCases(
      [
        {
          suite: ['a'],
          name: 'x',
          attempts: [
            { outcome: 'failed', durationMs: 1 },
            { outcome: 'passed', durationMs: 2 }
          ]
        }
      ],
      'unit',
      1
    )
    expect(testStatus(t!)).toBe('flaky')
    expect(countTests([t!])).toMatchObject({ tests: 1, passed: 1, flaky: 1, failed: 0 })
  })
  it('merges attempts of the same test across action retries', () => {
    const a = toTestCases(
      [{ suite: [], name: 'x', attempts: [{ outcome: 'failed', durationMs: 1 }] }],
      'unit',
      1
    )
    const b = toTestCases(
      [{ suite: [], name: 'x', attempts: [{ outcome: 'passed', durationMs: 1 }] }],
      'unit',
      2
    )
    const merged = mergeTests([a, b])
    expect(merged).toHaveLength(1)
    expect(merged[0]!.attempts.map((x) => x.runAttempt)).toEqual([1, 2])
    expect(testStatus(merged[0]!)).toBe('flaky')
    expect(a[0]!.attempts).toHaveLength(1)
  })

  it("merges an attempt's own tests that share an id (rare: ' › ' inside a file name), else passes them on", () => {
    const first = toTestCases(
      [
        { file: 'a › b', suite: [], name: 'c', attempts: [{ outcome: 'failed', durationMs: 1 }] },
        { file: 'a', suite: ['b'], name: 'c', attempts: [{ outcome: 'passed', durationMs: 2 }] },
        { file: 'a', suite: ['b'], name: 'd', attempts: [{ outcome: 'passed', durationMs: 3 }] }
      ],
      'unit',
      1
    )
    expect(first[0]!.id).toBe(first[1]!.id)
    for (const groups of [[[], first], [first]]) {
      const merged = mergeTests(groups)
      expect(merged.map((t) => [t.id, t.attempts.map((a) => a.outcome)])).toEqual([
        ['a › b › c', ['failed', 'passed']],
        ['a › b › d', ['passed']]
      ])
    }
    expect(first.map((t) => t.attempts.length)).toEqual([1, 1, 1])
    const distinct = first.slice(1)
    const passedOn = mergeTests([[], distinct])
    expect(passedOn).toEqual(distinct)
    expect(passedOn).not.toBe(distinct)
  })

  it.each<[AttemptOutcome[], string]>([
    [[], 'skipped'],
    [['skipped'], 'skipped'],
    [['passed'], 'passed'],
    [['failed'], 'failed'],
    [['passed', 'skipped'], 'passed'],
    [['skipped', 'failed', 'skipped'], 'failed'],
    [['failed', 'skipped', 'passed'], 'flaky'],
    [['passed', 'failed', 'passed'], 'flaky'],
    [['failed', 'passed', 'failed'], 'failed'],
    [['failed', 'failed'], 'failed']
  ])('attempts %j end %s (skipped attempts do not count)', (outcomes, status) => {
    expect(
      testStatus({ attempts: outcomes.map((outcome) => ({ outcome, durationMs: 1, runAttempt: 1 })) })
    ).toBe(status)
  })

  describe('tests that passed once share their attempt list, and sharing never leaks', () => {
    const passed = (name: string): ParsedTest => ({
      suite: ['s'],
      name,
      attempts: [{ outcome: 'passed', durationMs: 5 }]
    })

    it('a retry adds attempts to its test only', () => {
      const first = toTestCases([passed('x'), passed('y')], 'unit', 1)
      expect(first[0]!.attempts).toBe(first[1]!.attempts)
      const again = toTestCases(
        [{ suite: ['s'], name: 'x', attempts: [{ outcome: 'failed', durationMs: 5 }] }],
        'unit',
        2
      )
      const [x, y] = recordAttempt(first, again, { kind: 'all' }, 2)
      expect(x!.attempts.map((a) => a.outcome)).toEqual(['passed', 'failed'])
      expect(y!.attempts).toEqual([{ outcome: 'passed', durationMs: 5, runAttempt: 1 }])
      expect(first[0]!.attempts).toHaveLength(1)
    })

    it("a second report's message for one execution goes to that test only", () => {
      // jest's JSON ranks first for attempts (its x and y share one list); the XML adds a message to x.
      const json = { format: 'jest-json' as const, tests: [passed('x'), passed('y')] }
      const junit = {
        format: 'junit' as const,
        tests: [
          {
            suite: ['s'],
            name: 'x',
            attempts: [{ outcome: 'passed' as const, durationMs: 5, message: 'slow' }]
          }
        ]
      }
      const [x, y] = testsOfAttempt([junit, json], 'unit', 1)
      expect(x!.attempts[0]!.message).toBe('slow')
      expect(y!.attempts[0]!.message).toBeUndefined()
    })
  })
})
