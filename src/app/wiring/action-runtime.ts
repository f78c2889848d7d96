/** Wires the real adapters for a run inside a GitHub Actions job. The one place they are created. */
import path from 'node:path'
import { createAwsClients } from '../../adapters/aws/clients.js'
import { systemClock } from '../../adapters/clock.js'
import { fileResultsSource } from '../../adapters/files/results-source.js'
import { fileWorkspace } from '../../adapters/files/workspace.js'
import { commentFiles } from '../../adapters/github/comment-file.js'
import { lazyGitHub } from '../../adapters/github/github.js'
import { createDockerCli } from '../../adapters/localstack/docker-cli.js'
import { createHealthClient } from '../../adapters/localstack/health-client.js'
import { createShell } from '../../adapters/process/shell.js'
import {
  actionInput,
  actionsLog,
  actionsOutputs,
  actionsState,
  actionsSummary,
  failStep
} from '../../adapters/runner/actions-io.js'
import { readRunContext } from '../../adapters/runner/run-context.js'
import type { RunContext } from '../../core/context.js'
import type { Inputs } from '../../inputs/types.js'
import type { MainHost, Runtime } from '../runtime.js'
import { applyEnvChanges } from '../../core/env-changes.js'
import { runnerSecretRemovals } from '../tiers/tier-env.js'

/** The main step's host: the runner's inputs, its event, and the runtime for a run in this job. */
export function actionMainHost(env: Record<string, string | undefined>): MainHost {
  return {
    env,
    input: actionInput,
    log: actionsLog,
    context: () => readRunContext(env),
    runtime: (inputs, context) => actionRuntime(env, inputs, context),
    fail: failStep
  }
}

function actionRuntime(
  env: Record<string, string | undefined>,
  inputs: Inputs,
  context: RunContext
): Runtime {
  const repoRoot = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd())
  const temp = env.RUNNER_TEMP ?? path.join(repoRoot, '.pyramid')
  const shell = createShell()
  return {
    shell,
    clock: systemClock,
    log: actionsLog,
    state: actionsState,
    outputs: actionsOutputs,
    summary: actionsSummary(env),
    results: fileResultsSource,
    workspace: fileWorkspace,
    aws: createAwsClients,
    github: lazyGitHub({
      token: inputs.githubToken,
      ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
      log: actionsLog,
      clock: systemClock
    }),
    commentFiles,
    docker: (cwd, dockerEnv) => createDockerCli(shell, cwd, dockerEnv),
    localstackHealth: createHealthClient(),
    // every command the action starts inherits this: without the runner's secrets meant for the action
    env: applyEnvChanges(env, runnerSecretRemovals(env)),
    context,
    inputs: { ...inputs, workingDirectory: path.resolve(repoRoot, inputs.workingDirectory) },
    resultsRoot: path.join(temp, 'pyramid-results', `${context.runId}-${context.runAttempt}-${context.job}`),
    repoRoot,
    host: 'action'
  }
}
