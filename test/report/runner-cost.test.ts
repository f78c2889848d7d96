import { describe, expect, it } from '@jest/globals'
import {
  formatDuration,
  formatUsd,
  roundUsd,
  runnerCostUsd,
  sumUsd
} from '../../src/core/cost/runner-cost.js'

describe('runnerCostUsd', () => {
  it.each([
    [60_000, 0.006, 0.006],
    [90_000, 0.006, 0.009],
    [30_000, 0.062, 0.031],
    [0, 0.006, 0],
    [-5, 0.006, 0],
    [60_000, 0, 0],
    [Number.NaN, 0.006, 0]
  ])('%d ms at $%d/min is $%d (fractional minutes)', (ms, price, usd) => {
    expect(runnerCostUsd(ms, price)).toBeCloseTo(usd, 10)
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [-3, '0 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [999.6, '1.0 s'],
    [1000, '1.0 s'],
    [4_240, '4.2 s'],
    [9_940, '9.9 s'],
    [9_960, '10 s'],
    [42_000, '42 s'],
    [59_600, '1 min 00 s'],
    [65_000, '1 min 05 s'],
    [3_599_000, '59 min 59 s'],
    [3_600_000, '1 h 00 min'],
    [7_380_000, '2 h 03 min']
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('roundUsd and sumUsd', () => {
  it('round to $0.0001 and add in whole units, so shown rows add up to the shown total', () => {
    expect(roundUsd(0.00015)).toBe(0.0002)
    expect(roundUsd(0.01999)).toBe(0.02)
    // 0.1 + 0.2 in floats is 0.30000000000000004; in units it is 3,000 units.
    expect(sumUsd([0.1, 0.2])).toBe(0.3)
    expect(sumUsd([0.0012, 0.0036, 0.0159, 0.0033])).toBe(0.024)
  })
})

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [0.00004, '$0.00'],
    [0.00005, '$0.0001'],
    [0.0123, '$0.0123'],
    [0.006, '$0.0060'],
    [1, '$1.0000'],
    [12.345, '$12.3450'],
    [1234.5, '$1,234.5000'],
    [-0.5, '-$0.5000'],
    [Number.NaN, '$?']
  ])('%d → %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text)
  })
})
