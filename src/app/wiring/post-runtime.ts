/** Wires the real adapters for the action's post step. */
import path from 'node:path'
import { createAwsClients } from '../../adapters/aws/clients.js'
import { systemClock } from '../../adapters/clock.js'
import { createDockerCli } from '../../adapters/localstack/docker-cli.js'
import { createShell } from '../../adapters/process/shell.js'
import { actionsLog, actionsState, actionsSummary, failStep } from '../../adapters/runner/actions-io.js'
import type { PostRuntime } from '../runtime.js'

export function postRuntime(env: Record<string, string | undefined>): PostRuntime {
  const shell = createShell()
  return {
    clock: systemClock,
    log: actionsLog,
    state: actionsState,
    summary: actionsSummary(env),
    aws: createAwsClients,
    docker: (cwd, dockerEnv) => createDockerCli(shell, cwd, dockerEnv),
    env,
    repoRoot: path.resolve(env.GITHUB_WORKSPACE ?? process.cwd()),
    fail: failStep
  }
}
