/**
 * Ordinals count a test's key by its two parts, suite head then name, and must give what counting the
 * joined key gives: the nth test of one key gets n, however the key is split. Checked against that
 * reference on packed titles (a describe folded into the name), unnamed tests, nested suites and
 * thousands of random reports whose heads start one another.
 */
import { describe, expect, it } from '@jest/globals'
import { Ordinals } from '../../src/core/results/ordinals.js'
import { toTestCases, type ParsedTest } from '../../src/core/results/model.js'

/** Counting by joined key: what the ordinals must agree with. */
function reference(keys: readonly (readonly [string, string])[]): number[] {
  const seen = new Map<string, number>()
  return keys.map(([head, tail]) => {
    const n = (seen.get(head + tail) ?? 0) + 1
    seen.set(head + tail, n)
    return n
  })
}

function counted(keys: readonly (readonly [string, string])[]): number[] {
  const ordinals = new Ordinals()
  return keys.map(([head, tail]) => ordinals.next(head, tail))
}

describe('ordinals', () => {
  it('counts a key split two ways as one: a describe packed into the name', () => {
    const keys = [
      ['f\u0000a ', 'b c'],
      ['f\u0000a b ', 'c'],
      ['f\u0000a ', 'b c'],
      ['f\u0000a b ', 'd']
    ] as const
    expect(counted(keys)).toEqual([1, 2, 3, 1])
  })

  it('counts the second split first seen as the longer head, and an unnamed test after both', () => {
    const keys = [
      ['f\u0000a b ', 'c'],
      ['f\u0000a ', 'b c'],
      ['f\u0000a b c', ''],
      ['f\u0000', 'a b c']
    ] as const
    expect(counted(keys)).toEqual([1, 2, 3, 4])
  })

  it('keeps heads that only look alike apart, and counts a head that takes a tail without ending at a cut', () => {
    const keys = [
      ['f\u0000ab ', 'c'],
      ['f\u0000a ', 'bc'],
      ['g\u0000a ', 'b c'],
      ['f\u0000a', ' b c'],
      ['f\u0000a ', ' b c'],
      ['f\u0000a ', 'b c']
    ] as const
    expect(counted(keys)).toEqual(reference(keys))
    expect(counted(keys)).toEqual([1, 1, 1, 1, 1, 2])
  })

  it('agrees with counting joined keys on 2,000 random reports whose heads start one another', () => {
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const words = ['a', 'b', 'a b', 'c', '']
    for (let report = 0; report < 2_000; report++) {
      const keys: [string, string][] = []
      const tests = 1 + random(30)
      for (let i = 0; i < tests; i++) {
        const file = ['f', 'f g', 'h'][random(3)]!
        const suite = Array.from({ length: random(3) }, () => words[random(4)]!)
        const name = words[random(5)]!
        const head = `${file}\u0000${suite.length === 0 ? '' : `${suite.join(' ')} `}`
        // An unnamed test's key comes whole, as a head with an empty tail (model.ts).
        keys.push(name === '' ? [`${file}\u0000${suite.join(' ')}`, ''] : [head, name])
        // Now and then a head that does not end at a cut takes a tail, spelling a key that others spell.
        if (random(100) === 0) keys.push([`${file}\u0000a`, ' b'])
      }
      const got = counted(keys)
      const want = reference(keys)
      if (got.join() !== want.join()) expect({ report, keys, got }).toEqual({ report, keys, got: want })
    }
  })

  it('gives the ids of toTestCases: a packed describe and its nested form are one test, counted twice', () => {
    const passed = [{ outcome: 'passed' as const, durationMs: 1 }]
    const parsed: ParsedTest[] = [
      { file: 'a.test.js', suite: ['calc'], name: 'adds one', attempts: passed },
      { file: 'a.test.js', suite: ['calc', 'adds'], name: 'one', attempts: passed },
      { file: 'a.test.js', suite: ['calc'], name: 'adds two', attempts: passed },
      { file: 'a.test.js', suite: ['calc', 'adds'], name: 'one', attempts: passed }
    ]
    expect(toTestCases(parsed, 'unit', 1).map((t) => t.ordinal ?? 1)).toEqual([1, 2, 1, 3])
  })
})
