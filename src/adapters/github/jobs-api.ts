/** The jobs of a workflow run attempt through the REST API: a thin call, no decisions. */
import type { RepoRef, RunnerJobQuery } from '../../app/ports.js'
import type { Octokit } from './octokit.js'

type RestJob = { status: string; runner_name: string | null; labels: string[] }

/** The `runs-on` labels of the job in progress on the runner named `runnerName`, if GitHub lists one. */
export async function runnerJobLabels(
  octokit: Octokit,
  ref: RepoRef,
  q: RunnerJobQuery
): Promise<string[] | undefined> {
  const jobs = (await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRunAttempt, {
    ...ref,
    run_id: Number(q.runId),
    attempt_number: q.runAttempt,
    per_page: 100
  })) as RestJob[]
  return jobs.find((j) => j.status === 'in_progress' && j.runner_name === q.runnerName)?.labels
}
