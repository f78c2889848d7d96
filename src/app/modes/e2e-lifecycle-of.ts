/** The e2e lifecycle of this job from its runtime and inputs: mode run's e2e tier and mode deploy make it alike. */
import type { PriceTable } from '../../core/cost/price-table.js'
import { createE2eLifecycle, type E2eLifecycle } from '../e2e/e2e-lifecycle.js'
import type { Runtime } from '../runtime.js'

export function e2eLifecycleOf(rt: Runtime, prices: PriceTable): E2eLifecycle {
  const { inputs, clock } = rt
  return createE2eLifecycle(
    { shell: rt.shell, clock, log: rt.log, files: rt.workspace, state: rt.state, aws: rt.aws },
    {
      e2e: inputs.e2e,
      instance: inputs.instance,
      workingDirectory: inputs.workingDirectory,
      context: rt.context,
      baseEnv: rt.env,
      now: clock.now(),
      prices
    }
  )
}
