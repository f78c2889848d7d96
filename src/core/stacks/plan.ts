/** The e2e part of `mode: plan`: prefix, known names, tags and the account guard. Pure. */
import type { RunContext } from '../context.js'
import type { Inputs } from '../../inputs/types.js'
import type { StackPlan } from '../tiers/plan.js'
import { assertValidPrefix, prefixedNames, runPrefix } from './naming.js'
import { stackTags } from './tags.js'

export function planStacks(e2e: Inputs['e2e'], ctx: RunContext, now: number): StackPlan {
  const prefix = runPrefix(e2e.stackPrefix, ctx.runId, ctx.runAttempt)
  assertValidPrefix(prefix)
  return {
    prefix,
    names: e2e.deployCommand ? prefixedNames(prefix, e2e.stackNames) : [],
    tags: stackTags(ctx, now, e2e.stackTtlMinutes),
    ...(e2e.awsRegion ? { region: e2e.awsRegion } : {}),
    allowedAccountIds: e2e.allowedAccountIds,
    forbiddenAccountIds: e2e.forbiddenAccountIds
  }
}
