/**
 * mode: run — plan the tiers for this event, run them in pyramid order with their lifecycles
 * (LocalStack for integration, an ephemeral stack for e2e), higher tiers getting ready while lower ones
 * run as far as the prepare input allows, and return the run's report.
 */
import { jobKey } from '../../core/instance.js'
import { preparations } from '../../core/pipeline/preparation.js'
import type { RunReport } from '../../core/results/report.js'
import type { Plan } from '../../core/tiers/plan.js'
import type { Cancellation } from '../cancellation.js'
import type { E2eLifecycle } from '../e2e/e2e-lifecycle.js'
import { loadPriceTable } from '../e2e/prices.js'
import { runnerPricePerMinute } from '../runner-price.js'
import { createIntegrationLifecycle } from '../integration/localstack-lifecycle.js'
import { runPyramid } from '../run-pyramid.js'
import { secretValues } from '../../core/results/output-tail.js'
import type { Runtime } from '../runtime.js'
import type { TierLifecycle } from '../tier-lifecycle.js'
import { checkPlaces } from './check-places.js'
import { e2eLifecycleOf } from './e2e-lifecycle-of.js'
import { withoutAwsCredentials } from './local-e2e-guard.js'

export async function runMode(rt: Runtime, plan: Plan, cancellation: Cancellation): Promise<RunReport> {
  const { inputs, context, clock } = rt
  await checkPlaces(rt.workspace, inputs, plan, rt.repoRoot)
  const startedAt = clock.now()
  const isFork = plan.isFork
  const job = jobKey(context.job, inputs.matrix)
  const usdPerMinute = await runnerPricePerMinute(rt)
  // A bad prices-file fails the run before any tier starts, not after the unit tests.
  const e2ePlanned = plan.tiers.some((t) => t.tier === 'e2e' && t.run)
  const prices = e2ePlanned
    ? await loadPriceTable(rt.workspace, inputs.e2e.pricesFile, inputs.workingDirectory)
    : undefined
  let e2e: E2eLifecycle | undefined
  const integration = (): TierLifecycle =>
    createIntegrationLifecycle(
      {
        shell: rt.shell,
        docker: rt.docker,
        health: rt.localstackHealth,
        clock,
        log: rt.log,
        state: rt.state,
        files: rt.workspace
      },
      {
        integration: inputs.integration,
        workingDirectory: inputs.workingDirectory,
        runId: context.runId,
        runAttempt: context.runAttempt,
        isFork,
        baseEnv: rt.env,
        ...(inputs.e2e.awsRegion ? { awsRegion: inputs.e2e.awsRegion } : {})
      }
    )
  const endToEnd = (): TierLifecycle => {
    const missing = rt.host === 'cli' ? withoutAwsCredentials(rt.env) : undefined
    if (missing) return missing
    if (prices === undefined) throw new Error('the e2e tier runs although it was not planned to')
    e2e = e2eLifecycleOf(rt, prices)
    return e2e
  }
  const tiers = await runPyramid(rt, {
    plan,
    retries: inputs.retries,
    failFast: inputs.failFast,
    failOnFlaky: inputs.failOnFlaky,
    workingDirectory: inputs.workingDirectory,
    baseEnv: rt.env,
    resultsRoot: rt.resultsRoot,
    repoRoot: rt.repoRoot,
    runnerPricePerMinute: usdPerMinute,
    autoReport: inputs.autoReport,
    secrets: [
      ...secretValues(rt.env),
      inputs.githubToken,
      ...(inputs.integration.localstackAuthToken !== undefined
        ? [inputs.integration.localstackAuthToken]
        : [])
    ],
    prepare: { mode: inputs.prepare, preparations: preparations(plan, inputs.prepare) },
    job,
    lifecycles: { integration, e2e: endToEnd },
    signal: cancellation.signal,
    onLifecycle: (l) => cancellation.register(l)
  })
  await cancellation.settled()
  const stack = e2e?.report()
  return {
    context,
    plan,
    tiers,
    failOnFlaky: inputs.failOnFlaky,
    runnerPricePerMinute: usdPerMinute,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(clock.now()).toISOString(),
    ...(stack?.stacks ? { stacks: stack.stacks } : {}),
    costLines: stack?.costLines ?? [],
    origin: { instance: inputs.instance, job }
  }
}
