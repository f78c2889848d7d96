import { describe, expect, it } from '@jest/globals'
import { defaultRunnerPrice, priceFromLabels } from '../../src/core/cost/runner-prices.js'

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

describe("priceFromLabels (the job's runs-on labels)", () => {
  const linux = { os: 'Linux', arch: 'X64', environment: 'github-hosted' }
  it.each([
    [['ubuntu-24.04-16core'], linux, 0.042],
    [['self-hosted-no', 'linux-8-cores'], linux, 0.022],
    [['big_4core'], linux, 0.012],
    [['ubuntu-slim'], linux, 0.002],
    [['macos-15-xlarge'], { os: 'macOS', arch: 'ARM64' }, 0.102],
    [['macos-latest-large'], { os: 'macOS', arch: 'X64' }, 0.077],
    [['linux-96-cores'], linux, 0.252],
    [['ubuntu-arm-16core'], { os: 'Linux', arch: 'ARM64' }, 0.026],
    [['windows-8-core'], { os: 'Windows', arch: 'X64' }, 0.042],
    [['windows-arm-64core'], { os: 'Windows', arch: 'ARM64' }, 0.194]
  ])('%j on %j costs $%s a minute', (labels, runner, usd) => {
    expect(priceFromLabels(labels, runner)?.usdPerMinute).toBe(usd)
  })

  it.each([
    [['ubuntu-latest'], linux],
    [['ubuntu-24.04-12core'], linux], // no GitHub price for 12 Linux cores
    [['linux-96-cores'], { os: 'Linux', arch: 'ARM64' }], // no arm64 96-core runner
    [['macos-15-8core'], { os: 'macOS', arch: 'ARM64' }], // macOS larger runners are only -large/-xlarge
    [['gpu-16core'], { ...linux, environment: 'self-hosted' }]
  ])('%j on %j is not identified', (labels, runner) => {
    expect(priceFromLabels(labels, runner)).toBeUndefined()
  })
})
