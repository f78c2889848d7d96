/**
 * One function per mode (the README's "Modes" table). Each returns undefined on success or the message
 * the step fails with.
 */
import { planTiers } from '../../core/tiers/select-tiers.js'
import type { Plan } from '../../core/tiers/plan.js'
import { watchCancellation } from '../cancellation.js'
import { finishRun } from '../emit/finish-run.js'
import type { Runtime } from '../runtime.js'
import { cleanupMode, janitorMode } from './stack-modes.js'
import { deployMode } from './deploy-mode.js'
import { planMode } from './plan-mode.js'
import { publishMode } from './publish-mode.js'
import { reportMode } from './report-mode.js'
import { runMode } from './run-mode.js'

export function planFor(rt: Runtime): Plan {
  return planTiers(rt.context, rt.inputs, rt.clock.now())
}

export async function runModes(rt: Runtime): Promise<string | undefined> {
  switch (rt.inputs.mode) {
    case 'plan':
      await planMode(rt, planFor(rt))
      return undefined
    case 'run': {
      const cancellation = watchCancellation(rt.log)
      try {
        const report = await runMode(rt, planFor(rt), cancellation)
        return await finishRun(rt, report)
      } finally {
        cancellation.dispose()
      }
    }
    case 'deploy':
      return deployMode(rt, planFor(rt))
    case 'report':
      return reportMode(rt, rt.inputs)
    case 'cleanup':
      return cleanupMode(rt)
    case 'janitor':
      return janitorMode(rt, rt.inputs)
    case 'publish':
      return publishMode(rt)
  }
}
