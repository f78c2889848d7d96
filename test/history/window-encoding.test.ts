import { describe, expect, it } from '@jest/globals'
import {
  durationChar,
  durationMs,
  outcomeChar,
  runLengthDecode,
  runLengthEncode
} from '../../src/core/history/window-encoding.js'

describe('window encoding', () => {
  it('run-length encodes outcome strings and decodes them back', () => {
    for (const s of ['', 'p', 'pppppfpp', 'k'.repeat(200), '..pp.sFfk' + 'p'.repeat(37)]) {
      expect(runLengthDecode(runLengthEncode(s), 1000)).toBe(s)
    }
    expect(runLengthEncode('p'.repeat(200))).toBe('200p')
    expect(runLengthEncode('pppppfpp')).toBe('5pf2p')
  })

  it('refuses text that is not a run-length encoding or decodes past the bound', () => {
    expect(() => runLengthDecode('12', 100)).toThrow('not a run-length encoding')
    expect(() => runLengthDecode('99999999999p', 200)).toThrow('longer than 200 runs')
  })

  it('quantises durations to within 13% on a log scale, 0 ms to about 35 minutes', () => {
    for (const ms of [3, 17, 250, 1234, 60_000, 1_500_000]) {
      const back = durationMs(durationChar(ms))!
      expect(Math.abs(back - ms) / ms).toBeLessThan(0.14)
    }
    expect(durationMs(durationChar(0))).toBe(0)
    expect(durationChar(10 * 3_600_000)).toBe(durationChar(40 * 60_000)) // capped at the top step
    expect(durationMs('.')).toBeUndefined()
    expect(/\d/.test([0, 1, 10, 1e3, 1e5, 1e7].map(durationChar).join(''))).toBe(false)
  })

  it('tells a failure on every retry from a single failure', () => {
    expect([outcomeChar('failed', 1), outcomeChar('failed', 3), outcomeChar('flaky', 2)]).toEqual([
      'f',
      'F',
      'k'
    ])
  })
})
