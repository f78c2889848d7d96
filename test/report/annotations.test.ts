import { describe, expect, it } from '@jest/globals'
import {
  annotationOverflowNote,
  failedTestAnnotations,
  MAX_ERROR_ANNOTATIONS
} from '../../src/core/report/annotations.js'
import { failuresAndFlaky, test } from './reports.js'

describe('failedTestAnnotations', () => {
  it('gives one annotation per failed test at file:line, ordered by tier then file', () => {
    const report = failuresAndFlaky()
    report.tiers[0]!.tests.push(
      test('unit', 'src/a.test.ts', ['a'], 'second', [{ outcome: 'failed', message: 'boom' }], 7),
      test('unit', undefined, [], 'no file', [{ outcome: 'failed' }])
    )
    const list = failedTestAnnotations(report)
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
    const [first] = failedTestAnnotations(report)
    expect(first!.message).not.toContain('\u001b')
    expect(first!.message.split('\n')).toHaveLength(21)
    expect(first!.message.endsWith('… (80 more lines)')).toBe(true)
  })
})

describe('annotationOverflowNote', () => {
  it.each([
    [5, undefined, undefined],
    [10, undefined, undefined],
    [11, undefined, '1 more failed test is not annotated'],
    [250, undefined, '240 more failed tests are not annotated'],
    [12, 3, '9 more failed tests are not annotated']
  ])('%d failed, %s emitted', (total, emitted, expected) => {
    const note = annotationOverflowNote(total, emitted)
    if (expected === undefined) expect(note).toBeUndefined()
    else expect(note).toContain(expected)
  })

  it('knows GitHub shows 10 errors per step', () => {
    expect(MAX_ERROR_ANNOTATIONS).toBe(10)
  })
})
