/** mode: publish — post the comment a fork run prepared (from a trusted workflow_run workflow). */
import { runPublish } from '../publish/run-publish.js'
import { githubClient } from '../emit/github-client.js'
import type { Runtime } from '../runtime.js'

export async function publishMode(rt: Runtime): Promise<string | undefined> {
  const octokit = await githubClient(rt)
  const result = await runPublish(
    { octokit, log: rt.log, clock: rt.clock },
    { workingDirectory: rt.inputs.workingDirectory, repository: rt.context.repository }
  )
  rt.log.info(`PR #${result.prNumber}: comment ${result.action} at ${result.url}`)
  rt.outputs.set('comment-url', result.url)
  await rt.summary.append(`### PR comment published\n\nThe comment for PR #${result.prNumber} was ${result.action}: ${result.url}\n`)
  return undefined
}
