import { describe, expect, it } from '@jest/globals'
import { defaultRunnerPrice } from '../../src/core/cost/runner-prices.js'

describe('defaultRunnerPrice (GitHub prices from 2026-01-01)', () => {
  it.each([
    ['Linux', 'X64', 0.006, 'Linux X64 2-core'],
    ['Linux', 'ARM64', 0.005, 'Linux ARM64 2-core'],
    ['Windows', 'X64', 0.01, 'Windows X64 2-core'],
    ['Windows', 'ARM64', 0.008, 'Windows ARM64 2-core'],
    ['macOS', 'ARM64', 0.062, 'macOS ARM64 3-core M1'],
    ['macOS', 'X64', 0.062, 'macOS X64 4-core Intel']
  ])('%s %s costs $%s a minute', (os, arch, usd, basis) => {
    const price = defaultRunnerPrice({ os, arch, environment: 'github-hosted' })
    expect(price.usdPerMinute).toBe(usd)
    expect(price.basis).toBe(`${basis} (GitHub price from 2026-01-01)`)
  })

  it('prices a self-hosted runner at 0', () => {
    expect(defaultRunnerPrice({ os: 'Linux', arch: 'X64', environment: 'self-hosted' }).usdPerMinute).toBe(0)
  })

  it('falls back to Linux 2-core and says so when the runner is unknown or absent (CLI)', () => {
    expect(defaultRunnerPrice({})).toEqual({
      usdPerMinute: 0.006,
      basis: 'no RUNNER_OS: priced as Linux X64 2-core (GitHub price from 2026-01-01)'
    })
    expect(defaultRunnerPrice({ os: 'Linux', arch: 'ARM' }).basis).toBe(
      'unknown runner Linux/ARM: priced as Linux X64 2-core (GitHub price from 2026-01-01)'
    )
  })
})
