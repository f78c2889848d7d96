/**
 * Merging one attempt's tests skips hashing their ids when toTestCases proved them distinct. The proof
 * must never be wrong: on reports built to make ids collide (a name holding " › " or a literal " [#2]",
 * a file or suite that holds the separator, empty names), the merge keeps one test per distinct id with
 * all its executions, exactly as hashing every id does.
 */
import { describe, expect, it } from '@jest/globals'
import { hasDistinctIds } from '../../src/core/results/distinct-ids.js'
import { mergeTests, toTestCases, type ParsedTest, type TestCase } from '../../src/core/results/model.js'

const passed = (ms: number): ParsedTest['attempts'] => [{ outcome: 'passed', durationMs: ms }]
const parsed = (file: string | undefined, suite: string[], name: string, ms = 1): ParsedTest => ({
  ...(file !== undefined ? { file } : {}),
  suite,
  name,
  attempts: passed(ms)
})

/** What merging must give, by hashing every id: one entry per id, executions in order. */
function byHashing(tests: readonly TestCase[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const t of tests) out.set(t.id, [...(out.get(t.id) ?? []), ...t.attempts.map((a) => a.durationMs)])
  return out
}

function merged(tests: readonly TestCase[]): Map<string, number[]> {
  return new Map(mergeTests([tests]).map((t) => [t.id, t.attempts.map((a) => a.durationMs)]))
}

const COLLIDING: [string, ParsedTest[]][] = [
  ['a name holding the separator', [parsed('f.ts', ['a'], 'b › c', 1), parsed('f.ts', ['a', 'b'], 'c', 2)]],
  [
    'a literal ordinal suffix',
    [parsed('f.ts', ['s'], 'x', 1), parsed('f.ts', ['s'], 'x', 2), parsed('f.ts', ['s'], 'x [#2]', 3)]
  ],
  ['a file holding the separator', [parsed('a › b', [], 't', 1), parsed('a', ['b'], 't', 2)]],
  ['a suite holding the separator', [parsed('f.ts', ['a › b'], 't', 1), parsed('f.ts', ['a', 'b'], 't', 2)]],
  [
    'a name that ends in the separator’s start',
    [parsed('f.ts', ['s'], 'x ›', 1), parsed('f.ts', ['s'], 'x ›', 2), parsed('f.ts', ['s', 'x'], '[#2]', 3)]
  ]
]

describe('distinct ids', () => {
  it.each(COLLIDING)('%s: merged as hashing every id merges them', (_what, report) => {
    const tests = toTestCases(report, 'unit', 1)
    const expected = byHashing(tests)
    expect(expected.size).toBeLessThan(tests.length)
    expect(merged(tests)).toEqual(expected)
    expect(hasDistinctIds(tests)).toBe(false)
  })

  it('ordinary reports are proven distinct, repeated titles included, and merge to themselves', () => {
    const report: ParsedTest[] = []
    for (let i = 0; i < 500; i++) {
      report.push(parsed(`src/f${i % 7}.test.ts`, [`suite ${i % 11}`, 'inner'], `does thing ${i % 50}`, i))
      if (i % 9 === 0) report.push(parsed(undefined, [], '', i))
    }
    const tests = toTestCases(report, 'unit', 1)
    expect(byHashing(tests).size).toBe(tests.length)
    expect(hasDistinctIds(tests)).toBe(true)
    expect(mergeTests([tests]).map((t) => t.id)).toEqual(tests.map((t) => t.id))
  })
})
