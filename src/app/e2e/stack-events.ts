/** What the stack events and resources say went wrong, or stayed behind. */
import type { CloudFormationApi } from '../ports.js'
import type { StackResource } from '../../core/results/report.js'

const EVENTS_READ = 100

/** Resources whose latest matching event has this failed status (e.g. CREATE_FAILED), with reasons. */
export async function failedResourcesFromEvents(
  cfn: CloudFormationApi,
  stackName: string,
  stackId: string,
  status: string | ((s: string) => boolean),
  signal?: AbortSignal
): Promise<StackResource[]> {
  const matches = typeof status === 'string' ? (s: string) => s === status : status
  const events = await cfn.stackEvents(stackId, EVENTS_READ, signal)
  const seen = new Set<string>()
  const out: StackResource[] = []
  for (const e of events) {
    if (e.type === 'AWS::CloudFormation::Stack' && e.logicalId === stackName) continue
    if (!matches(e.status) || seen.has(e.logicalId)) continue
    // "Resource creation cancelled" is a consequence of another failure, not a cause.
    if (e.reason === 'Resource creation cancelled') continue
    seen.add(e.logicalId)
    out.push({
      stackName,
      logicalId: e.logicalId,
      type: e.type,
      ...(e.physicalId ? { physicalId: e.physicalId } : {}),
      status: e.status,
      ...(e.reason ? { reason: e.reason } : {})
    })
  }
  return out
}

/** After DELETE_COMPLETE: resources CloudFormation skipped (force delete, DeletionPolicy Retain), still billing. */
export async function leakedResources(
  cfn: CloudFormationApi,
  stackName: string,
  stackId: string,
  forced: boolean
): Promise<StackResource[]> {
  const resources = await cfn.stackResources(stackId)
  return resources
    .filter((r) => r.status === 'DELETE_SKIPPED' || r.status === 'DELETE_FAILED')
    .map((r) => ({
      stackName,
      logicalId: r.logicalId,
      type: r.type,
      ...(r.physicalId ? { physicalId: r.physicalId } : {}),
      status: r.status,
      reason: r.reason ?? (forced ? 'left behind by FORCE_DELETE_STACK' : 'retained (DeletionPolicy Retain)')
    }))
}
