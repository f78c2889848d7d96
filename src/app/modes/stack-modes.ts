/**
 * mode: cleanup — the reusable workflow's backstop job: destroy every stack tagged with this run.
 * mode: janitor — the scheduled sweep of this repository's expired ephemeral stacks.
 */
import { stacksSection } from '../../core/report/sections/stacks.js'
import { cleanupRunStacks } from '../e2e/destroy-from-state.js'
import { runJanitor } from '../e2e/janitor.js'
import type { JanitorInputs } from '../../inputs/types.js'
import type { Runtime } from '../runtime.js'

function awsTarget(rt: Runtime): { region: string; endpointUrl?: string } {
  const { awsRegion, awsEndpointUrl } = rt.inputs.e2e
  if (!awsRegion) {
    throw new Error(
      `mode ${rt.inputs.mode} needs a region: set the aws-region input (or AWS_REGION in the job, e.g. from aws-actions/configure-aws-credentials)`
    )
  }
  return { region: awsRegion, ...(awsEndpointUrl ? { endpointUrl: awsEndpointUrl } : {}) }
}

function accountGuard(rt: Runtime): { allowedAccountIds: string[]; forbiddenAccountIds: string[] } {
  const { allowedAccountIds, forbiddenAccountIds } = rt.inputs.e2e
  return { allowedAccountIds, forbiddenAccountIds }
}

export async function cleanupMode(rt: Runtime): Promise<string | undefined> {
  const outcome = await cleanupRunStacks(
    { clock: rt.clock, log: rt.log, aws: rt.aws },
    {
      ...awsTarget(rt),
      repository: rt.context.repository,
      runId: rt.context.runId,
      stackPrefix: rt.inputs.e2e.stackPrefix,
      instance: rt.inputs.instance,
      ...accountGuard(rt),
      forceDelete: rt.inputs.e2e.forceDelete,
      timeoutMs: rt.inputs.e2e.destroyTimeoutMinutes * 60_000
    }
  )
  const section = stacksSection(outcome.report)
  // With prepare: eager the e2e-deploy job deployed ahead and handed its stacks over: destroying them is this job's work.
  const handedOver =
    rt.inputs.prepare === 'eager'
      ? '\n\nDeployed ahead (prepare: eager) and handed over by the e2e-deploy job; destroyed here by cleanup, ' +
        'untested when a lower tier failed and the e2e job was skipped.\n'
      : '\n'
  await rt.summary.append(
    section
      ? `${section.markdown}${handedOver}`
      : '### Stack cleanup\n\nNo stacks of this run were left: nothing to do.\n'
  )
  rt.outputs.set('stack-names', outcome.report?.stacks.map((s) => s.name).join(',') ?? '')
  return outcome.failure
}

export async function janitorMode(rt: Runtime, inputs: JanitorInputs): Promise<string | undefined> {
  const result = await runJanitor(
    { clock: rt.clock, log: rt.log, aws: rt.aws },
    {
      ...awsTarget(rt),
      repository: rt.context.repository,
      stackPrefix: rt.inputs.e2e.stackPrefix,
      ...accountGuard(rt),
      now: rt.clock.now(),
      dryRun: inputs.dryRun,
      forceDelete: rt.inputs.e2e.forceDelete,
      timeoutMs: rt.inputs.e2e.destroyTimeoutMinutes * 60_000
    }
  )
  await rt.summary.append(result.markdown)
  rt.outputs.set('stack-names', (inputs.dryRun ? result.wouldRemove : result.removed).join(','))
  if (result.refused) return result.refused
  const { failed } = result
  return failed.length > 0
    ? `the janitor could not remove ${failed.length} stack(s): ${failed.map((l) => `${l.name} (${l.reason})`).join('; ')}`
    : undefined
}
