/** thousands() writes what toLocaleString('en-US') writes, for every kind of number. */
import { expect, it } from '@jest/globals'
import { thousands } from '../../src/core/thousands.js'

it('matches toLocaleString("en-US") on integers of every length, negative ones, and what it hands over', () => {
  const values = [0, -0, 1, -1, 7, 999, 1000, -1000, 65_536, 123_456_789, Number.MAX_SAFE_INTEGER]
  for (let digits = 1; digits <= 16; digits++) {
    const n = Number('9'.repeat(digits))
    values.push(n, -n, Math.floor(n / 7), 10 ** (digits - 1))
  }
  values.push(1.5, -2.25, 1234.5678, 2 ** 60, Number.NaN, Infinity, -Infinity)
  for (const n of values) expect([n, thousands(n)]).toEqual([n, n.toLocaleString('en-US')])
})
