/** The tier plan: which tiers run for this event, with which commands, and why. Pure data. */
import type { Tier } from '../results/model.js'
import type { StackSettings } from '../stacks/plan.js'

/** A tier's command and, optionally, a glob of result files relative to working-directory. */
export interface TierCommand {
  command: string
  resultsGlob?: string
}

/** What tier selection reads from the inputs (inputs/types.ts's Inputs are this and more). */
export interface SelectionSettings {
  /** 'auto' or an explicit list in pyramid order. */
  tiers: 'auto' | Tier[]
  /** Namespaces the stack prefix when one run calls the pyramid several times. */
  instance: string
  unit: TierCommand
  integration: TierCommand & { setupCommand?: string }
  e2e: TierCommand & StackSettings
}

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
