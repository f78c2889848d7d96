/** The environment a tier command gets (SPEC §6): the job's env, the lifecycle's changes, and ours. */
import { applyEnvChanges, type EnvChanges } from '../../core/env-changes.js'
import type { Tier } from '../../core/results/model.js'

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
  env.CI = 'true'
  return env
}
