/**
 * mode: deploy — the reusable workflow's e2e-deploy job (prepare: eager): deploys the e2e stacks while the
 * unit and integration jobs run, with every rule of the e2e tier (account guard, ownership checks, names in
 * state before the deploy, nothing for a plan without e2e or a fork), then HANDS THEM OVER: the e2e job
 * (e2e-stacks: handed-over) tests them, the cleanup job destroys them. Only when the hand-over did not
 * complete (the deploy failed, was cancelled, or main died) are they destroyed here: by main's teardown, or
 * by post from the saved state.
 */
import { stacksSection } from '../../core/report/sections/stacks.js'
import type { Plan } from '../../core/tiers/plan.js'
import { watchCancellation } from '../cancellation.js'
import { loadPriceTable } from '../e2e/prices.js'
import type { Runtime } from '../runtime.js'
import { checkPlaces } from './check-places.js'
import { e2eLifecycleOf } from './e2e-lifecycle-of.js'

export async function deployMode(rt: Runtime, plan: Plan): Promise<string | undefined> {
  const e2eTier = plan.tiers.find((t) => t.tier === 'e2e')
  rt.outputs.set('stack-names', '')
  if (!e2eTier?.run) {
    await rt.summary.append(
      `### ☁️ E2E stacks deployed ahead\n\nNothing deployed: ${e2eTier?.reason ?? 'the plan has no e2e tier'}.\n`
    )
    return undefined
  }
  await checkPlaces(rt.workspace, rt.inputs, plan, rt.repoRoot)
  const prices = await loadPriceTable(rt.workspace, rt.inputs.e2e.pricesFile, rt.inputs.workingDirectory)
  const cancellation = watchCancellation(rt.log)
  try {
    const e2e = e2eLifecycleOf(rt, prices)
    cancellation.register(e2e)
    const prepared = await e2e.prepare!('full', cancellation.signal)
    for (const note of prepared.notes) rt.log.warning(note.text)
    if (prepared.failure === undefined && e2e.handOver()) {
      const { stacks, outputs } = e2e.report()
      rt.outputs.set('stack-names', stacks?.stacks.map((s) => s.name).join(',') ?? '')
      rt.outputs.set('stack-outputs', JSON.stringify(outputs))
      await rt.summary.append(
        `${stacksSection(stacks)?.markdown ?? ''}\n\nDeployed ahead (prepare: eager) and handed over: the e2e job tests ` +
          'these stacks once the unit and integration jobs passed, the cleanup job destroys them.\n'
      )
      return undefined
    }
    const down = await e2e.teardown()
    await cancellation.settled()
    await rt.summary.append(
      `${stacksSection(e2e.report().stacks)?.markdown ?? ''}\n\nNot handed over: the deploy did not complete, so ` +
        'this job destroyed what it had deployed.\n'
    )
    return [prepared.failure ?? 'the deploy was cancelled', down.failure].filter((f) => f).join('\n')
  } finally {
    cancellation.dispose()
  }
}
