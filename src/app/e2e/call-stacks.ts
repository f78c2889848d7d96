/**
 * The stacks of one call (instance) of one run: named with its run prefix (any attempt) and tagged with its
 * repository, run id and instance. Mode cleanup destroys them; the e2e tier with e2e-stacks: handed-over
 * tests them.
 */
import { hasCallPrefix } from '../../core/stacks/naming.js'
import { isOwnedByCall } from '../../core/stacks/tags.js'
import type { CloudFormationApi, StackDescription } from '../ports.js'

export interface CallOfRun {
  repository: string
  runId: string
  stackPrefix: string
  instance: string
}

export async function callStacks(
  cfn: CloudFormationApi,
  call: CallOfRun,
  signal?: AbortSignal
): Promise<StackDescription[]> {
  return (await cfn.listStacks(signal)).filter(
    (s) =>
      hasCallPrefix(s.name, call.stackPrefix, call.instance, call.runId) &&
      isOwnedByCall(s.tags, call.repository, call.runId, call.instance)
  )
}
