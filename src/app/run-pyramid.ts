/**
 * The engine shared by the action and the CLI: runs the planned tiers in pyramid order, skipping higher
 * tiers after a failure when fail-fast is on, and stopping cleanly on cancellation.
 */
import { TIER_ORDER, type Tier } from '../core/results/model.js'
import { skippedTier, tierResult, tierTiming, type TierRun } from '../core/results/run.js'
import type { Plan } from '../core/tiers/plan.js'
import type { TierLifecycle } from './tier-lifecycle.js'
import { runTier, type TierDeps } from './tiers/run-tier.js'

export interface PyramidOptions {
  plan: Plan
  retries: number
  failFast: boolean
  failOnFlaky: boolean
  workingDirectory: string
  baseEnv: Record<string, string | undefined>
  resultsRoot: string
  repoRoot: string
  runnerPricePerMinute: number
  autoReport: boolean
  /** Values masked in the command output kept to explain failures. */
  secrets: readonly string[]
  /** Created only when the tier runs (so a plan without e2e never touches AWS). */
  lifecycles: Partial<Record<Tier, () => TierLifecycle>>
  signal: AbortSignal
  /** Called with each lifecycle as it is created, so a cancel handler can reach it. */
  onLifecycle?: (lifecycle: TierLifecycle) => void
}

export async function runPyramid(deps: TierDeps, opts: PyramidOptions): Promise<TierRun[]> {
  const runs: TierRun[] = []
  let blockedBy: string | undefined
  for (const tier of TIER_ORDER) {
    const plan = opts.plan.tiers.find((t) => t.tier === tier)
    if (!plan) continue
    if (!plan.run) {
      runs.push(skippedTier(tier, plan.reason))
      continue
    }
    if (opts.signal.aborted) {
      runs.push(skippedTier(tier, 'the run was cancelled before this tier started'))
      continue
    }
    if (blockedBy) {
      runs.push(skippedTier(tier, `${blockedBy} failed and fail-fast is on`))
      continue
    }
    const lifecycle = opts.lifecycles[tier]?.()
    if (lifecycle) opts.onLifecycle?.(lifecycle)
    const started = deps.clock.now()
    const measured = await runTier(deps, {
      plan,
      retries: opts.retries,
      workingDirectory: opts.workingDirectory,
      baseEnv: opts.baseEnv,
      resultsRoot: opts.resultsRoot,
      repoRoot: opts.repoRoot,
      ...(lifecycle ? { lifecycle } : {}),
      signal: opts.signal,
      autoReport: opts.autoReport,
      secrets: opts.secrets
    })
    // At least what the tier's phases and attempts measured, should the clock have stood still.
    const timing = tierTiming(measured)
    const wallMs = Math.max(deps.clock.now() - started, timing.setupMs + timing.testMs + timing.teardownMs)
    const run: TierRun = { ...measured, runnerTime: [{ wallMs, usdPerMinute: opts.runnerPricePerMinute }] }
    runs.push(run)
    if (opts.failFast && tierResult(run, { failOnFlaky: opts.failOnFlaky }) === 'failed') blockedBy = tier
  }
  return runs
}
