/**
 * Default runner-minute prices of GitHub-hosted runners, used when `runner-price-per-minute` is empty.
 *
 * Source: GitHub Docs, "Actions runner pricing" (content/billing/reference/actions-runner-pricing.md and
 * data/reusables/billing/actions-standard-runner-prices.md in github/docs, column "January 1, 2026
 * onward"), read 2026-11-25. Standard runners: Linux 1-core $0.002, Linux 2-core $0.006 (was $0.008),
 * Windows 2-core $0.010 (was $0.016), macOS 3/4-core $0.062 (was $0.080); arm64 Linux 2-core $0.005,
 * arm64 Windows 2-core $0.008. Larger runners cost more (e.g. Linux 4-core $0.012, 8-core $0.022,
 * 16-core $0.042; macOS 12-core $0.077, 5-core M2 Pro $0.102): the environment does not tell a runner's
 * size (the runner context has no labels, actions/runner#821), so the job's `runs-on` labels are read
 * from the jobs API where the token may (`actions: read`); otherwise set runner-price-per-minute.
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

/** GitHub's own labels of runners that cost more (or less) than the standard one of their OS. */
const LABELLED: Record<string, { usdPerMinute: number; size: string }> = {
  'ubuntu-slim': { usdPerMinute: 0.002, size: 'Linux X64 1-core (ubuntu-slim)' },
  large: { usdPerMinute: 0.077, size: 'macOS X64 12-core (-large)' },
  xlarge: { usdPerMinute: 0.102, size: 'macOS ARM64 5-core M2 Pro (-xlarge)' }
}

/**
 * Larger runners by OS/arch and core count (GitHub Docs, "Actions runner pricing", x64- and arm64-powered
 * larger runners, read 2026-12-02). An organization names them itself, so only a label that says its
 * core count identifies one.
 */
const LARGER_BY_CORES: Record<string, Record<number, number>> = {
  'Linux/X64': { 2: 0.006, 4: 0.012, 8: 0.022, 16: 0.042, 32: 0.082, 64: 0.162, 96: 0.252 },
  'Linux/ARM64': { 2: 0.005, 4: 0.008, 8: 0.014, 16: 0.026, 32: 0.05, 64: 0.098 },
  'Windows/X64': { 4: 0.022, 8: 0.042, 16: 0.082, 32: 0.162, 64: 0.322, 96: 0.552 },
  'Windows/ARM64': { 2: 0.008, 4: 0.014, 8: 0.026, 16: 0.05, 32: 0.098, 64: 0.194 }
}

/** GitHub's own label (ubuntu-slim, macos-*-large, macos-*-xlarge), if `label` is one. */
function ownLabel(label: string): { usdPerMinute: number; size: string } | undefined {
  if (label === 'ubuntu-slim') return LABELLED['ubuntu-slim']
  const mac = /^macos-(?:latest|\d+)-(large|xlarge)$/.exec(label)
  return mac ? LABELLED[mac[1]!] : undefined
}

/**
 * The price of the runner the job's `runs-on` labels name, when they identify its size: GitHub's own
 * labels, or a larger runner whose label says its core count ("ubuntu-24.04-16core", "linux-8-cores",
 * "windows-arm-4core"), priced for the RUNNER_OS / RUNNER_ARCH it runs on. Undefined when they do not.
 */
export function priceFromLabels(
  labels: readonly string[],
  runner: RunnerDescription
): RunnerPrice | undefined {
  if (runner.environment === 'self-hosted') return undefined
  const kind = `${runner.os ?? ''}/${runner.arch ?? ''}`
  for (const label of labels.map((l) => l.toLowerCase())) {
    const own = ownLabel(label)
    if (own)
      return { usdPerMinute: own.usdPerMinute, basis: `${own.size}, from the job's label ${label} (${FROM})` }
    const cores = /(?:^|[-_])(\d{1,2})[-_]?cores?(?:$|[-_])/.exec(label)?.[1]
    const usd = cores === undefined ? undefined : LARGER_BY_CORES[kind]?.[Number(cores)]
    if (usd !== undefined) {
      const [os, arch] = kind.split('/')
      return {
        usdPerMinute: usd,
        basis: `${os} ${arch} ${cores}-core, from the job's label ${label} (${FROM})`
      }
    }
  }
  return undefined
}
