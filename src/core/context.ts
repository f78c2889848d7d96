/** The facts about the workflow run that the core needs, read once from the runner environment. */
export interface RunContext {
  eventName: string
  /** The webhook payload of the event (GITHUB_EVENT_PATH), untrusted. */
  payload: Record<string, unknown>
  /** owner/name */
  repository: string
  sha: string
  ref: string
  runId: string
  runAttempt: number
  serverUrl: string
  job: string
  workflow: string
  /** RUNNER_OS and a size hint, for the price table. */
  runnerOs: string
  runnerArch: string
}

export function runUrl(ctx: Pick<RunContext, 'serverUrl' | 'repository' | 'runId' | 'runAttempt'>): string {
  return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}`
}
