/** Wires the real adapters for a run inside a GitHub Actions job. The one place they are created. */
import path from 'node:path'
import { createAwsClients } from '../../adapters/aws/clients.js'
import { systemClock } from '../../adapters/clock.js'
import { fileResultsSource } from '../../adapters/files/results-source.js'
import { fileWorkspace } from '../../adapters/files/workspace.js'
import { createShell } from '../../adapters/process/shell.js'
import { actionsLog, actionsOutputs, actionsState, actionsSummary } from '../../adapters/runner/actions-io.js'
import type { RunContext } from '../../core/context.js'
import type { Inputs } from '../../inputs/types.js'
import type { Runtime } from '../runtime.js'
import { applyEnvChanges } from '../../core/env-changes.js'
import { runnerSecretRemovals } from '../tiers/tier-env.js'

export function actionRuntime(
  env: Record<string, string | undefined>,
  inputs: Inputs,
  context: RunContext
): Runtime {
  const repoRoot = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd())
  const temp = env.RUNNER_TEMP ?? path.join(repoRoot, '.pyramid')
  return {
    shell: createShell(),
    clock: systemClock,
    log: actionsLog,
    state: actionsState,
    outputs: actionsOutputs,
    summary: actionsSummary(env),
    results: fileResultsSource,
    workspace: fileWorkspace,
    aws: createAwsClients,
    // every command the action starts inherits this: without the runner's secrets meant for the action
    env: applyEnvChanges(env, runnerSecretRemovals(env)),
    context,
    inputs: { ...inputs, workingDirectory: path.resolve(repoRoot, inputs.workingDirectory) },
    resultsRoot: path.join(temp, 'pyramid-results', `${context.runId}-${context.runAttempt}-${context.job}`),
    repoRoot,
    host: 'action'
  }
}
