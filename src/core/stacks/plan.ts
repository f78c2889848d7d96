/**
 * The e2e part of a plan: prefix, known names, tags and the account guard. Names are known for a
 * deploy-command (stack-names) and for cdk-stacks; otherwise they come from the synthesised app. Pure:
 * `pyramid:expires-at` needs the clock, so it is tagged only when `now` is given.
 */
import type { RunContext } from '../context.js'
import type { StackPlan } from '../tiers/plan.js'
import { assertValidPrefix, prefixedNames, runPrefix } from './naming.js'
import { runTags, stackTags } from './tags.js'

/** What a stack plan is made of: the e2e inputs (inputs/types.ts) are this and more. */
export interface StackSettings {
  stackPrefix: string
  /** Empty = all stacks of the app. */
  cdkStacks: string[]
  /** A non-CDK deploy; then stackNames lists the stacks it creates. */
  deployCommand?: string
  stackNames: string[]
  stackTtlMinutes: number
  awsRegion?: string
  allowedAccountIds: string[]
  forbiddenAccountIds: string[]
}

export function planStacks(e2e: StackSettings, instance: string, ctx: RunContext, now?: number): StackPlan {
  const prefix = runPrefix(e2e.stackPrefix, instance, ctx.runId, ctx.runAttempt)
  assertValidPrefix(prefix)
  return {
    prefix,
    names: prefixedNames(prefix, e2e.deployCommand ? e2e.stackNames : e2e.cdkStacks),
    tags: now === undefined ? runTags(ctx, instance) : stackTags(ctx, instance, now, e2e.stackTtlMinutes),
    ...(e2e.awsRegion ? { region: e2e.awsRegion } : {}),
    allowedAccountIds: e2e.allowedAccountIds,
    forbiddenAccountIds: e2e.forbiddenAccountIds
  }
}
