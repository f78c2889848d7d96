/** The StackReport (RunReport.stacks) from what deploy and destroy did. */
import type { StackReport } from '../../core/results/report.js'
import type { StackDestroyResult } from './destroy.js'

export interface DeployedStack {
  name: string
  stackId?: string
  status?: string
  deployMs?: number
}

export function buildStackReport(input: {
  region: string
  accountMasked: string
  deployed: readonly DeployedStack[]
  destroyed: readonly StackDestroyResult[]
  deployFailures?: StackReport['failedResources']
  outputs?: StackReport['outputs']
  expiresAt?: string
  estimate?: StackReport['estimate']
  prices?: StackReport['prices']
}): StackReport {
  const byName = new Map(input.destroyed.map((d) => [d.name, d]))
  const names = [...new Set([...input.deployed.map((d) => d.name), ...input.destroyed.map((d) => d.name)])]
  const stacks = names.map((name) => {
    const dep = input.deployed.find((d) => d.name === name)
    const des = byName.get(name)
    const stackId = des?.stackId ?? dep?.stackId
    return {
      name,
      ...(stackId ? { stackId } : {}),
      finalStatus: des?.finalStatus ?? dep?.status ?? 'UNKNOWN',
      ...(dep?.deployMs !== undefined ? { deployMs: dep.deployMs } : {}),
      ...(des ? { destroyMs: des.destroyMs } : {})
    }
  })
  const expiresAt = input.expiresAt ?? input.destroyed.find((d) => d.expiresAt)?.expiresAt
  return {
    region: input.region,
    accountMasked: input.accountMasked,
    stacks,
    failedResources: [...(input.deployFailures ?? []), ...input.destroyed.flatMap((d) => d.failedResources)],
    leaked: input.destroyed.flatMap((d) => d.leaked),
    unconfirmed: input.destroyed.filter((d) => !d.confirmed).map((d) => d.name),
    ...(expiresAt ? { expiresAt } : {}),
    outputs: input.outputs ?? {},
    ...(input.estimate ? { estimate: input.estimate } : {}),
    ...(input.prices ? { prices: input.prices } : {})
  }
}

/** One failure message for all stacks whose destroy failed, or undefined. */
/**
 * Why the destroy failed, or undefined. A forced delete that left resources behind is a failure too: the
 * stack is gone but its resources still run and bill, which is exactly what users trust us to prevent.
 */
export function destroyFailure(results: readonly StackDestroyResult[]): string | undefined {
  const failures = results.flatMap((r) => {
    if (r.failure) return [r.failure]
    if (r.leaked.length === 0) return []
    const what = r.leaked.map((l) => `${l.type} ${l.physicalId ?? l.logicalId}`).join(', ')
    return [
      `stack ${r.name} was force-deleted after DELETE_FAILED and left ${r.leaked.length} resource(s) behind, still billing: ${what}. Delete them by hand.`
    ]
  })
  return failures.length > 0 ? failures.join('\n') : undefined
}
