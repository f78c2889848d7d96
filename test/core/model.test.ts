import { describe, expect, it } from '@jest/globals'
import { countTests, mergeTests, testStatus, toTestCases } from '../../src/core/results/model.js'

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
})
