import { describe, expect, it } from '@jest/globals'
import { failedTestAnnotations, MAX_ERROR_ANNOTATIONS } from '../../src/core/report/annotations.js'
import { reportView } from '../../src/core/report/view.js'
import { failuresAndFlaky, test } from './reports.js'

describe('failedTestAnnotations', () => {
  it('gives one annotation per failed test at file:line, ordered by tier then file', () => {
    const report = failuresAndFlaky()
    report.tiers[0]!.tests.push(
      test('unit', 'src/a.test.ts', ['a'], 'second', [{ outcome: 'failed', message: 'boom' }], 7),
      test('unit', undefined, [], 'no file', [{ outcome: 'failed' }])
    )
    const list = failedTestAnnotations(reportView(report))
    expect(list.map((a) => [a.title, a.file, a.line])).toEqual([
      ['unit: a › second', 'src/a.test.ts', 7],
      ['unit: price › adds VAT', 'src/orders/price.test.ts', 4],
      ['unit: no file', undefined, undefined],
      [
        'integration: queue › hostile `name` | <img src=x onerror=alert(1)> @acme/admins #12',
        'test/int/queue.test.ts',
        30
      ]
    ])
    expect(list[0]!.message).toBe('boom')
    expect(list[2]!.message).toBe('unit test failed (no message in the report)')
    expect(list[1]!.message).toContain('Expected: 119')
  })

  it('bounds long messages and strips terminal escapes', () => {
    const report = failuresAndFlaky()
    report.tiers[0]!.tests[0]!.attempts[0]!.message = `\u001b[31m${Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')}`
    const [first] = failedTestAnnotations(reportView(report))
    expect(first!.message).not.toContain('\u001b')
    expect(first!.message.split('\n')).toHaveLength(21)
    expect(first!.message.endsWith('… (80 more lines)')).toBe(true)
  })
})

describe('annotation limits', () => {
  it('gives at most 10 annotations (GitHub shows 10 errors per step)', () => {
    const report = failuresAndFlaky()
    for (let i = 0; i < 30; i++)
      report.tiers[0]!.tests.push(
        test('unit', 'src/b.test.ts', ['b'], `t${i}`, [{ outcome: 'failed' }], i + 1)
      )
    expect(MAX_ERROR_ANNOTATIONS).toBe(10)
    expect(failedTestAnnotations(reportView(report))).toHaveLength(10)
  })
})
