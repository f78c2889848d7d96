/** mode: publish — post the comment a fork run prepared (from a trusted workflow_run workflow). */
import { runPublish } from '../publish/run-publish.js'
import { githubClient } from '../emit/github-client.js'
import type { Runtime } from '../runtime.js'

export async function publishMode(rt: Runtime): Promise<string | undefined> {
  const run = rt.context.payload.workflow_run as { head_sha?: unknown } | undefined
  const trustedHeadSha = typeof run?.head_sha === 'string' ? run.head_sha : undefined
  if (!trustedHeadSha) {
    rt.log.warning(
      'mode publish runs best from a workflow_run workflow (workflows/publish-comment.yml): without its event the tested commit cannot be checked against the triggering run.'
    )
  }
  const octokit = await githubClient(rt)
  const result = await runPublish(
    { octokit, log: rt.log, clock: rt.clock },
    {
      workingDirectory: rt.inputs.workingDirectory,
      repository: rt.context.repository,
      ...(trustedHeadSha ? { trustedHeadSha } : {})
    }
  )
  rt.log.info(`PR #${result.prNumber}: comment ${result.action} at ${result.url}`)
  rt.outputs.set('comment-url', result.url)
  await rt.summary.append(
    `### PR comment published\n\nThe comment for PR #${result.prNumber} was ${result.action}: ${result.url}\n`
  )
  return undefined
}
