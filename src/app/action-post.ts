/**
 * The action's post step (post-if: always()): runs after main succeeded, failed, crashed or was
 * cancelled. It reads what main saved and removes what main did not confirm removed: the LocalStack
 * container and the ephemeral stacks, with the settings main saved. It never reads the inputs.
 */
import { stacksSection } from '../core/report/sections/stacks.js'
import { destroyFromState } from './e2e/destroy-from-state.js'
import { removeLocalStackFromState } from './integration/localstack-lifecycle.js'
import type { PostRuntime } from './runtime.js'
import { errorMessage } from '../core/error-message.js'

export async function runPost(rt: PostRuntime): Promise<void> {
  const failures: string[] = []
  try {
    await removeLocalStackFromState(
      { docker: rt.docker, state: rt.state, log: rt.log },
      { cwd: rt.repoRoot, env: rt.env }
    )
  } catch (err) {
    failures.push(`removing the LocalStack container failed: ${errorMessage(err)}`)
  }
  try {
    const outcome = await destroyFromState({ clock: rt.clock, log: rt.log, state: rt.state, aws: rt.aws })
    const section = stacksSection(outcome.report)
    if (section) await rt.summary.append(`### Post step: ephemeral stack cleanup\n\n${section.markdown}\n`)
    if (outcome.failure) failures.push(outcome.failure)
  } catch (err) {
    failures.push(
      `destroying the ephemeral stacks failed: ${errorMessage(err)}. The janitor removes them after pyramid:expires-at.`
    )
  }
  if (failures.length > 0) rt.fail(failures.join('\n'))
}
