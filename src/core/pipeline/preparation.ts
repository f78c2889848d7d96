/**
 * What a tier may do before the tiers below it have passed (the `prepare` input). Pure: decided from the
 * plan alone, once, before anything runs.
 *
 * - `free`: what costs nothing and touches no account's resources: LocalStack's image pull, container
 *   start and readiness; the e2e preflight (the account check), CDK synth and the ownership checks of
 *   the cloud assembly.
 * - `full`: everything the tier does before its command, the deploy of the e2e stacks included.
 */
import type { Tier } from '../results/model.js'
import type { Plan } from '../tiers/plan.js'

export type PrepareMode = 'auto' | 'eager' | 'off'
export const PREPARE_MODES: readonly PrepareMode[] = ['auto', 'eager', 'off']

export type PrepareScope = 'free' | 'full'

/** How far each tier prepares ahead of its turn; a tier that is absent prepares at its turn. */
export type Preparations = Partial<Record<Tier, PrepareScope>>

/**
 * Only tiers the plan runs prepare, and only when a lower tier runs before them (otherwise it is their
 * turn at once). A fork's run never prepares e2e (its plan never runs e2e either: two locks on one door).
 */
export function preparations(plan: Plan, mode: PrepareMode): Preparations {
  if (mode === 'off') return {}
  const running = plan.tiers.filter((t) => t.run).map((t) => t.tier)
  const out: Preparations = {}
  for (const tier of running.slice(1)) {
    if (tier === 'integration') out.integration = 'free'
    if (tier === 'e2e' && !plan.isFork) out.e2e = mode === 'eager' ? 'full' : 'free'
  }
  return out
}

/**
 * A tier's tests may start while the lower tiers' teardowns (LocalStack's removal…) still run; `off`
 * keeps every tier strictly after the one below it, teardown included.
 */
export function teardownBeside(mode: PrepareMode): boolean {
  return mode !== 'off'
}

/** The prepare input's meaning for this plan, in words for the plan summary and the report. */
export function describePreparations(p: Preparations): string[] {
  const lines: string[] = []
  if (p.integration) lines.push('LocalStack is pulled, started and awaited while the unit tier runs')
  if (p.e2e === 'free')
    lines.push('the e2e account check, CDK synth and ownership checks run while the lower tiers run')
  if (p.e2e === 'full')
    lines.push('the e2e stacks are deployed while the lower tiers run (destroyed at once if one fails)')
  return lines
}
