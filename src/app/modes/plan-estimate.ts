/**
 * The cost estimate of mode plan: from the templates a synth already left in cdk.out (mode plan runs
 * nothing, so it never synthesizes), or from template-file for deploy-command users. Without them it
 * says how to get one instead of guessing.
 */
import path from 'node:path'
import { costGate, hourlyEstimate } from '../../core/cost/hourly-estimate.js'
import { BASE_REGION } from '../../core/cost/resource-pricing.js'
import type { TemplateResources } from '../../core/cost/template-resources.js'
import { errorMessage } from '../../core/error-message.js'
import { estimateMarkdown } from '../../core/report/sections/estimate.js'
import type { Plan } from '../../core/tiers/plan.js'
import { readAssemblyStacks, manifestPath, selectStacks } from '../e2e/cloud-assembly.js'
import { COST_ANNOTATION_TITLE } from '../e2e/pre-deploy-cost.js'
import { loadPriceTable } from '../e2e/prices.js'
import { assemblyResources, templateFileResources } from '../e2e/templates.js'
import type { Runtime } from '../runtime.js'

const HEADING = '### 💲 Cost of the e2e stacks (estimate)'

/** The markdown of the plan's cost block (undefined when the plan deploys nothing). */
export async function planEstimate(rt: Runtime, plan: Plan): Promise<string | undefined> {
  if (!plan.tiers.some((t) => t.tier === 'e2e' && t.run)) return undefined
  const { e2e } = rt.inputs
  const read = await templatesToRead(rt, plan)
  if (typeof read === 'string') return `${HEADING}\n\nNo estimate: ${read}`
  const prices = await loadPriceTable(rt.workspace, e2e.pricesFile, rt.inputs.workingDirectory)
  let found: TemplateResources
  try {
    found = await read()
  } catch (err) {
    return `${HEADING}\n\nNo estimate: ${errorMessage(err)}`
  }
  const given = e2e.awsRegion ?? rt.env.AWS_REGION ?? rt.env.AWS_DEFAULT_REGION
  const region = given !== undefined && given !== '' ? given : BASE_REGION
  const notes = given
    ? found.notes
    : [`no region is set (aws-region, AWS_REGION): priced in ${BASE_REGION}`, ...found.notes]
  const limit = e2e.costLimitUsdPerHour
  const estimate = hourlyEstimate(
    found.resources,
    prices,
    region,
    {
      warningUsdPerHour: e2e.costWarningUsdPerHour,
      ...(limit !== undefined ? { limitUsdPerHour: limit } : {})
    },
    notes
  )
  const gate = costGate(estimate)
  if (gate.verdict !== 'ok') rt.log.warning(gate.message, { title: COST_ANNOTATION_TITLE })
  return `${HEADING}\n\n${estimateMarkdown(estimate)}`
}

async function templatesToRead(
  rt: Runtime,
  plan: Plan
): Promise<string | (() => Promise<TemplateResources>)> {
  const { e2e, workingDirectory } = rt.inputs
  if (e2e.deployCommand !== undefined) {
    const file = e2e.templateFile
    if (file === undefined)
      return 'set `template-file` to the CloudFormation template your `deploy-command` deploys, and the plan estimates its cost per hour.'
    return () =>
      templateFileResources(
        rt.workspace,
        path.resolve(workingDirectory, file),
        plan.stack?.names ?? e2e.stackNames
      )
  }
  const outDir = path.join(path.resolve(workingDirectory, e2e.cdkAppDir), 'cdk.out')
  if ((await rt.workspace.readText(manifestPath(outDir))) === undefined)
    return (
      `no synthesized templates in \`${path.relative(path.resolve(workingDirectory), outDir) || 'cdk.out'}\`. ` +
      'Mode plan runs nothing, so it does not synthesize: run `npx cdk synth` in `cdk-app-dir` before this step ' +
      '(with `PYRAMID_STACK_PREFIX` set if your app needs it) and the plan estimates the stacks’ cost per hour.'
    )
  return async () =>
    assemblyResources(
      rt.workspace,
      outDir,
      selectStacks(await readAssemblyStacks(rt.workspace, outDir), e2e.cdkStacks)
    )
}
