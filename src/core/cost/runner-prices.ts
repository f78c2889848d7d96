/**
 * Default runner-minute prices of GitHub-hosted runners, used when `runner-price-per-minute` is empty.
 *
 * Source: GitHub Docs, "Actions runner pricing" (content/billing/reference/actions-runner-pricing.md and
 * data/reusables/billing/actions-standard-runner-prices.md in github/docs, column "January 1, 2026
 * onward"), read 2026-11-25. Standard runners: Linux 1-core $0.002, Linux 2-core $0.006 (was $0.008),
 * Windows 2-core $0.010 (was $0.016), macOS 3/4-core $0.062 (was $0.080); arm64 Linux 2-core $0.005,
 * arm64 Windows 2-core $0.008. Larger runners cost more (e.g. Linux 4-core $0.012, 8-core $0.022,
 * 16-core $0.042; macOS 12-core $0.077, 5-core M2 Pro $0.102): the environment does not tell a runner's
 * size, so a job on a larger runner should set runner-price-per-minute.
 * Self-hosted runners are not billed per minute (the $0.002/min platform charge announced for
 * 2026-03-01 was postponed), so they are priced at 0. Public repositories run standard runners free;
 * the table still prices them, since the estimate is what the minutes would cost in a private repository.
 */

export interface RunnerPrice {
  usdPerMinute: number
  /** Which runner the price is for, in words, e.g. "Linux X64 2-core (GitHub price from 2026-01-01)". */
  basis: string
}

export interface RunnerDescription {
  /** RUNNER_OS: Linux, Windows or macOS. */
  os?: string | undefined
  /** RUNNER_ARCH: X64, ARM64, X86 or ARM. */
  arch?: string | undefined
  /** RUNNER_ENVIRONMENT: github-hosted or self-hosted. */
  environment?: string | undefined
}

const STANDARD: Record<string, { usdPerMinute: number; size: string }> = {
  'Linux/X64': { usdPerMinute: 0.006, size: '2-core' },
  'Linux/ARM64': { usdPerMinute: 0.005, size: '2-core' },
  'Windows/X64': { usdPerMinute: 0.01, size: '2-core' },
  'Windows/ARM64': { usdPerMinute: 0.008, size: '2-core' },
  'macOS/ARM64': { usdPerMinute: 0.062, size: '3-core M1' },
  'macOS/X64': { usdPerMinute: 0.062, size: '4-core Intel' }
}

const FROM = 'GitHub price from 2026-01-01'

export function defaultRunnerPrice(runner: RunnerDescription): RunnerPrice {
  if (runner.environment === 'self-hosted') {
    return { usdPerMinute: 0, basis: 'self-hosted runner (GitHub bills no runner minutes for it)' }
  }
  const os = runner.os ?? ''
  const arch = runner.arch ?? ''
  const row = STANDARD[`${os}/${arch}`]
  if (row) return { usdPerMinute: row.usdPerMinute, basis: `${os} ${arch} ${row.size} (${FROM})` }
  const linux = STANDARD['Linux/X64']!
  const seen = os === '' ? 'no RUNNER_OS' : `unknown runner ${os}/${arch}`
  return { usdPerMinute: linux.usdPerMinute, basis: `${seen}: priced as Linux X64 2-core (${FROM})` }
}
