/**
 * The action's post step (post-if: always()): runs after main succeeded, failed, crashed or was
 * cancelled. It reads what main saved and removes what main did not confirm removed: the LocalStack
 * container and the ephemeral stacks. It never re-derives what main decided.
 */
import * as core from '@actions/core'
import { createAwsClients } from '../adapters/aws/clients.js'
import { systemClock } from '../adapters/clock.js'
import { createShell } from '../adapters/process/shell.js'
import { actionsLog, actionsState, actionsSummary } from '../adapters/runner/actions-io.js'
import { stacksSection } from '../core/report/sections/stacks.js'
import { readInputs } from '../inputs/read-inputs.js'
import { destroyFromState } from './e2e/destroy-from-state.js'
import { removeLocalStackFromState } from './integration/localstack-lifecycle.js'
import { errorMessage } from '../core/error-message.js'

const DEFAULT_DESTROY_TIMEOUT_MINUTES = 30

export async function runPost(env: Record<string, string | undefined> = process.env): Promise<void> {
  const failures: string[] = []
  try {
    await removeLocalStackFromState({ shell: createShell(), state: actionsState, log: actionsLog })
  } catch (err) {
    failures.push(`removing the LocalStack container failed: ${errorMessage(err)}`)
  }
  try {
    const e2e = destroySettings(env)
    const outcome = await destroyFromState(
      { clock: systemClock, log: actionsLog, state: actionsState, aws: createAwsClients },
      e2e
    )
    const section = stacksSection(outcome.report)
    if (section)
      await actionsSummary(env).append(`### Post step: ephemeral stack cleanup\n\n${section.markdown}\n`)
    if (outcome.failure) failures.push(outcome.failure)
  } catch (err) {
    failures.push(
      `destroying the ephemeral stacks failed: ${errorMessage(err)}. The janitor removes them after pyramid:expires-at.`
    )
  }
  if (failures.length > 0) core.setFailed(failures.join('\n'))
}

/** Post reads the inputs main read; if they are invalid main never deployed, and defaults are safe. */
function destroySettings(env: Record<string, string | undefined>): {
  forceDelete: boolean
  timeoutMs: number
} {
  try {
    const inputs = readInputs((name) => core.getInput(name), env)
    return { forceDelete: inputs.e2e.forceDelete, timeoutMs: inputs.e2e.destroyTimeoutMinutes * 60_000 }
  } catch {
    return { forceDelete: true, timeoutMs: DEFAULT_DESTROY_TIMEOUT_MINUTES * 60_000 }
  }
}
