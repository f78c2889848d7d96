/**
 * mode: publish — render and post the comment of a pull request's run from the data it left, in the
 * base repository's workflow_run workflow (workflows/publish-comment.yml). Any other event is refused.
 */
import { readTrustedRun } from '../../core/comment/trusted-run.js'
import { loadHistory } from '../emit/history.js'
import { runPublish } from '../publish/run-publish.js'
import type { Runtime } from '../runtime.js'

export async function publishMode(rt: Runtime): Promise<string | undefined> {
  const run = readTrustedRun(rt.context)
  const result = await runPublish(
    { github: await rt.github(), commentFiles: rt.commentFiles, log: rt.log },
    {
      workingDirectory: rt.inputs.workingDirectory,
      repository: rt.context.repository,
      serverUrl: rt.context.serverUrl,
      run,
      historyBlock: async (report) => (await loadHistory(rt, report))?.commentBlock
    }
  )
  rt.log.info(`PR #${result.prNumber}: comment ${result.action} at ${result.url}`)
  rt.outputs.set('comment-url', result.url)
  await rt.summary.append(
    `### PR comment published\n\nThe comment for PR #${result.prNumber} was ${result.action} from the data of run ${run.id}: ${result.url}\n`
  )
  return undefined
}
