/**
 * On a laptop there is no post step: after the run (or a Ctrl-C), do what post would do with the state
 * the run kept in memory — remove the LocalStack container and destroy stacks not confirmed deleted.
 */
import { destroyFromState } from '../app/e2e/destroy-from-state.js'
import { removeLocalStackFromState } from '../app/integration/localstack-lifecycle.js'
import type { Runtime } from '../app/runtime.js'

export async function cleanupAfterLocalRun(rt: Runtime): Promise<void> {
  await removeLocalStackFromState(
    { docker: rt.docker, state: rt.state, log: rt.log },
    { cwd: rt.inputs.workingDirectory, env: rt.env }
  )
  const outcome = await destroyFromState({ clock: rt.clock, log: rt.log, state: rt.state, aws: rt.aws })
  if (outcome.failure) rt.log.error(outcome.failure)
}
