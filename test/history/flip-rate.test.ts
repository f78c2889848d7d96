import { describe, expect, it } from '@jest/globals'
import { ewmaFlipRate, flipRate, FLIP_DECAY } from '../../src/core/history/flip-rate.js'

const verdicts = (pattern: string, age = 0) => [...pattern].map((c) => ({ failed: c === 'F', age }))

describe('flip rate (Kowalczyk et al., ICSE-SEIP 2020)', () => {
  it('counts changes of verdict between consecutive executions', () => {
    // The same failure rate (2 of 5), different flakiness: a regression that stays vs alternation.
    expect(flipRate(verdicts('PPPFF'))).toBe(1 / 4)
    expect(flipRate(verdicts('PFPFP'))).toBe(1)
    expect(flipRate(verdicts('PPPPP'))).toBe(0)
    expect(flipRate(verdicts('FFFFF'))).toBe(0)
    expect(flipRate(verdicts('F'))).toBe(0)
  })

  it('weighs recent periods more: a test that became flaky outranks one that stopped being flaky', () => {
    const periods = (patterns: string[]) => patterns.flatMap((p, i) => verdicts(p, patterns.length - 1 - i)) // oldest period first
    const becameFlaky = periods(['PPPPPPPPPP', 'PPPPPPPPPP', 'PFPFPFPFPF'])
    const stoppedBeingFlaky = periods(['PFPFPFPFPF', 'PPPPPPPPPP', 'PPPPPPPPPP'])
    expect(flipRate(becameFlaky)).toBeCloseTo(9 / 29, 5) // about the same over the whole window...
    expect(flipRate(stoppedBeingFlaky)).toBeCloseTo(10 / 29, 5)
    expect(ewmaFlipRate(becameFlaky)).toBeGreaterThan(1.5 * ewmaFlipRate(stoppedBeingFlaky)) // ...not lately
    // Newest period: 9 flips in 10 pairs (the first pair crosses the boundary), weight 1; older ones 0.
    const w = 1 - FLIP_DECAY
    expect(ewmaFlipRate(becameFlaky)).toBeCloseTo(0.9 / (1 + w + w * w), 5)
    expect(ewmaFlipRate(stoppedBeingFlaky)).toBeCloseTo((w * 0.1 + w * w * 1) / (1 + w + w * w), 5)
  })

  it('averages only periods that have pairs of executions', () => {
    expect(ewmaFlipRate([])).toBe(0)
    expect(
      ewmaFlipRate([
        { failed: true, age: 5 },
        { failed: false, age: 0 }
      ])
    ).toBe(1)
  })
})
