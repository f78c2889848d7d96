/** The tier plan: which tiers run for this event, with which commands, and why. Pure data. */
import type { Tier } from '../results/model.js'

export interface TierPlan {
  tier: Tier
  run: boolean
  /** Why the tier runs or not, in words a reviewer understands. */
  reason: string
  command: string
  setupCommand?: string
  resultsGlob?: string
}

export interface StackPlan {
  prefix: string
  /** Known full names (deploy-command) or empty until synth (CDK). */
  names: string[]
  tags: Record<string, string>
  region?: string
  allowedAccountIds: string[]
  forbiddenAccountIds: string[]
}

export interface Plan {
  event: string
  ref?: string
  defaultBranch?: string
  isDefaultBranch: boolean
  isFork: boolean
  /** How tiers were chosen: 'auto' (from the event) or 'explicit' (tiers input). */
  selection: 'auto' | 'explicit'
  tiers: TierPlan[]
  stack?: StackPlan
}

export function plannedTiers(plan: Plan): Tier[] {
  return plan.tiers.filter((t) => t.run).map((t) => t.tier)
}
