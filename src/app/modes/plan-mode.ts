/**
 * mode: plan — print and output the tier plan for this event, with the e2e stacks' cost per hour
 * estimated from their templates; run nothing.
 */
import { plannedTiers, type Plan } from '../../core/tiers/plan.js'
import { planToJson, renderPlanMarkdown } from '../../core/tiers/render-plan.js'
import type { Runtime } from '../runtime.js'
import { planEstimate } from './plan-estimate.js'

export async function planMode(rt: Runtime, plan: Plan): Promise<void> {
  const estimate = await planEstimate(rt, plan)
  const markdown =
    estimate === undefined ? renderPlanMarkdown(plan) : `${renderPlanMarkdown(plan)}\n${estimate}\n`
  rt.log.info(markdown)
  await rt.summary.append(markdown)
  rt.outputs.set('tiers', plannedTiers(plan).join(','))
  rt.outputs.set('plan', planToJson(plan))
  // the reusable workflow names its artifacts and concurrency groups with the instance derived here
  rt.outputs.set('instance', rt.inputs.instance)
}
