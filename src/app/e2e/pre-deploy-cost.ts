/**
 * The cost check before the deploy, right after the synth and the ownership checks: the hourly estimate
 * from the stacks' templates, a warning annotation above cost-warning-usd-per-hour and a refusal above
 * cost-limit-usd-per-hour, before anything is created.
 */
import { errorMessage } from '../../core/error-message.js'
import { costGate, hourlyEstimate } from '../../core/cost/hourly-estimate.js'
import type { PriceTable } from '../../core/cost/price-table.js'
import type { TemplateResource, TemplateResources } from '../../core/cost/template-resources.js'
import { formatUsd } from '../../core/cost/runner-cost.js'
import type { HourlyEstimate } from '../../core/results/report.js'
import type { TierNote } from '../../core/results/run.js'
import type { Inputs } from '../../inputs/types.js'
import type { Log } from '../ports.js'

export interface PreDeployCost {
  estimate?: HourlyEstimate
  /** The templates' resources: their properties size what ListStackResources lists after the deploy. */
  resources: TemplateResource[]
  notes: TierNote[]
  /** Set when the deploy is refused. */
  failure?: string
}

export const COST_ANNOTATION_TITLE = 'Cost estimate before the deploy'

export async function preDeployCost(
  log: Log,
  read: (() => Promise<TemplateResources>) | undefined,
  opts: { e2e: Inputs['e2e']; prices: PriceTable; region: string }
): Promise<PreDeployCost> {
  const limit = opts.e2e.costLimitUsdPerHour
  if (read === undefined) {
    const why = 'no template-file is set, so deploy-command stacks cannot be estimated before the deploy'
    if (limit !== undefined)
      return {
        resources: [],
        notes: [],
        failure: `Refusing to deploy: cost-limit-usd-per-hour is set but ${why}. Set template-file.`
      }
    return { resources: [], notes: [{ level: 'info', text: `No cost estimate before the deploy: ${why}.` }] }
  }
  let found: TemplateResources
  try {
    found = await read()
  } catch (err) {
    const why = `the templates could not be read: ${errorMessage(err)}`
    if (limit !== undefined)
      return {
        resources: [],
        notes: [],
        failure: `Refusing to deploy: cost-limit-usd-per-hour is set but ${why}`
      }
    log.warning(`No cost estimate before the deploy: ${why}`, { title: COST_ANNOTATION_TITLE })
    return {
      resources: [],
      notes: [{ level: 'warning', text: `No cost estimate before the deploy: ${why}` }]
    }
  }
  const estimate = hourlyEstimate(
    found.resources,
    opts.prices,
    opts.region,
    {
      warningUsdPerHour: opts.e2e.costWarningUsdPerHour,
      ...(limit !== undefined ? { limitUsdPerHour: limit } : {})
    },
    found.notes
  )
  log.info(
    `Estimated before the deploy: ${formatUsd(estimate.usdPerHour)}/hour in ${estimate.region} (prices of ${estimate.pricesDate}).`
  )
  const gate = costGate(estimate)
  if (gate.verdict === 'refuse')
    return { estimate, resources: found.resources, notes: [], failure: gate.message }
  if (gate.verdict === 'warn') log.warning(gate.message, { title: COST_ANNOTATION_TITLE })
  return { estimate, resources: found.resources, notes: [] }
}
