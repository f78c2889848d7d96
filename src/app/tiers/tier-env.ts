/**
 * The environment a tier command gets (the README's "What a tier command gets"): the job's env, the
 * lifecycle's changes, and ours.
 */
import { applyEnvChanges, type EnvChanges } from '../../core/env-changes.js'
import type { Tier } from '../../core/results/model.js'

/**
 * What the runner gives the action and no command it starts may see (SPEC §6): the action's inputs
 * (`INPUT_*`, the github-token among them), the runtime token, and the OIDC request URL and token with
 * which anyone could mint an ID token for the job's cloud roles. Removing them here, from the one
 * environment every spawned command starts from, covers the tier commands, integration-setup-command,
 * the deploy (cdk or deploy-command) and docker alike; the AWS credentials of the job stay.
 */
export function runnerSecretRemovals(env: Record<string, string | undefined>): EnvChanges {
  const changes: EnvChanges = {}
  for (const name of Object.keys(env)) {
    if (name.startsWith('INPUT_') || RUNNER_SECRETS.includes(name)) changes[name] = undefined
  }
  return changes
}

const RUNNER_SECRETS = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
]

export function tierEnv(
  base: Record<string, string | undefined>,
  lifecycleEnv: EnvChanges,
  tier: Tier,
  attempt: number,
  resultsDir: string
): Record<string, string | undefined> {
  const env = applyEnvChanges(base, lifecycleEnv)
  env.PYRAMID_TIER = tier
  env.PYRAMID_ATTEMPT = String(attempt)
  env.PYRAMID_RESULTS_DIR = resultsDir
  if (!base.JEST_JUNIT_OUTPUT_DIR) env.JEST_JUNIT_OUTPUT_DIR = resultsDir
  // File paths in the report make annotations land on the file and let retries target failed files.
  if (!base.JEST_JUNIT_ADD_FILE_ATTRIBUTE) env.JEST_JUNIT_ADD_FILE_ATTRIBUTE = 'true'
  // Without it jest-junit writes an empty report when a test file fails to load.
  if (!base.JEST_JUNIT_REPORT_TEST_SUITE_ERRORS) env.JEST_JUNIT_REPORT_TEST_SUITE_ERRORS = 'true'
  env.CI = 'true'
  return env
}
