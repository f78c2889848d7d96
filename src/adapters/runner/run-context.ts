/** Reads the run's facts from the runner environment (GITHUB_* variables and the event payload file). */
import { readFile } from 'node:fs/promises'
import type { RunContext } from '../../core/context.js'
import { errorMessage } from '../../core/error-message.js'

export async function readRunContext(env: Record<string, string | undefined>): Promise<RunContext> {
  const payloadPath = env.GITHUB_EVENT_PATH
  let payload: Record<string, unknown> = {}
  if (payloadPath) {
    try {
      payload = JSON.parse(await readFile(payloadPath, 'utf8')) as Record<string, unknown>
    } catch (err) {
      throw new Error(
        `could not read the event payload at GITHUB_EVENT_PATH=${payloadPath}: ${errorMessage(err)}. ` +
          'The action must run inside a GitHub Actions job (or the CLI with --event).'
      )
    }
  }
  return {
    eventName: env.GITHUB_EVENT_NAME ?? 'workflow_dispatch',
    payload,
    repository: env.GITHUB_REPOSITORY ?? 'local/repository',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runId: env.GITHUB_RUN_ID ?? '0',
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? '1') || 1,
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    job: env.GITHUB_JOB ?? 'pyramid',
    workflow: env.GITHUB_WORKFLOW ?? '',
    runnerOs: env.RUNNER_OS ?? 'Linux',
    runnerArch: env.RUNNER_ARCH ?? 'X64'
  }
}
