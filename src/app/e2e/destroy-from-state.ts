/**
 * The post step's destroy, and the reusable workflow's `mode: cleanup` backstop. Post reads what main
 * saved (names before deploy, StackIds as they appeared) and does nothing when main confirmed the delete;
 * cleanup has no shared state and finds this run's stacks by their pyramid:repository + pyramid:run-id tags.
 */
import type { StackReport } from '../../core/results/report.js'
import { maskAccount } from '../../core/stacks/account.js'
import type { AwsClientsFactory, Clock, Log, StateStore } from '../ports.js'
import { destroyStacks, type DestroyTarget } from './destroy.js'
import { guardedClients } from './guarded-clients.js'
import { callStacks } from './call-stacks.js'
import { markDestroyed, readSavedStacks } from './stack-state.js'
import { buildStackReport, destroyFailure } from './stack-report.js'

export interface PostDeps {
  clock: Clock
  log: Log
  state: StateStore
  aws: AwsClientsFactory
}

export interface StackDestroyOutcome {
  report: StackReport | undefined
  failure?: string
}

/** Destroys what main recorded, with the settings main saved beside it (post never reads the inputs). */
export async function destroyFromState(
  deps: PostDeps,
  opts: { signal?: AbortSignal } = {}
): Promise<StackDestroyOutcome> {
  const saved = readSavedStacks(deps.state)
  if (saved.destroyed || saved.names.length === 0) return { report: undefined }
  if (saved.handedOver) {
    deps.log.info(
      `Stacks ${saved.names.join(', ')} were handed over (mode deploy): the e2e job tests them, the cleanup job destroys them.`
    )
    return { report: undefined }
  }
  if (!saved.aws) {
    return {
      report: undefined,
      failure:
        `Stacks ${saved.names.join(', ')} were recorded without their AWS settings, so post cannot destroy them. ` +
        'Delete them in the CloudFormation console; the janitor removes them after pyramid:expires-at.'
    }
  }
  const aws = saved.aws
  const clients = await deps.aws({
    region: aws.region,
    ...(aws.endpointUrl ? { endpointUrl: aws.endpointUrl } : {})
  })
  const targets: DestroyTarget[] = saved.names.map((name) => ({
    name,
    ...(saved.ids[name] ? { stackId: saved.ids[name] } : {})
  }))
  deps.log.info(`Destroying ${targets.length} stack(s) recorded by main: ${saved.names.join(', ')}`)
  const results = await destroyStacks(
    { cfn: clients.cloudFormation, clock: deps.clock, log: deps.log },
    targets,
    {
      forceDelete: aws.forceDelete,
      timeoutMs: aws.destroyTimeoutMs,
      owner: { repository: aws.repository, runId: aws.runId },
      ...(opts.signal ? { signal: opts.signal } : {})
    }
  )
  const failure = destroyFailure(results)
  if (results.every((r) => r.confirmed)) markDestroyed(deps.state)
  const report = buildStackReport({
    region: aws.region,
    accountMasked: aws.accountMasked,
    deployed: [],
    destroyed: results,
    expiresAt: aws.expiresAt
  })
  return failure ? { report, failure } : { report }
}

export interface CleanupOptions {
  region: string
  endpointUrl?: string
  repository: string
  runId: string
  /** This call: only stacks named with its run prefix and tagged with its instance are destroyed. */
  stackPrefix: string
  instance: string
  allowedAccountIds: readonly string[]
  forbiddenAccountIds: readonly string[]
  forceDelete: boolean
  timeoutMs: number
  signal?: AbortSignal
}

/**
 * `mode: cleanup`: destroys the stacks of this call of this run — named with its run prefix (any attempt)
 * and tagged with its repository, run id and instance — after the account guard let the account pass.
 */
export async function cleanupRunStacks(
  deps: Omit<PostDeps, 'state'>,
  opts: CleanupOptions
): Promise<StackDestroyOutcome> {
  const guarded = await guardedClients(deps.aws, opts, 'cleanup deletes nothing there')
  if ('refused' in guarded) return { report: undefined, failure: guarded.refused }
  const { clients, account } = guarded
  const mine = await callStacks(clients.cloudFormation, opts, opts.signal)
  if (mine.length === 0) {
    deps.log.info(
      `No stacks of run ${opts.runId}, instance ${opts.instance}, for ${opts.repository}: nothing to clean up.`
    )
    return { report: undefined }
  }
  const results = await destroyStacks(
    { cfn: clients.cloudFormation, clock: deps.clock, log: deps.log },
    mine.map((s) => ({ name: s.name, stackId: s.id })),
    {
      forceDelete: opts.forceDelete,
      timeoutMs: opts.timeoutMs,
      owner: { repository: opts.repository, runId: opts.runId },
      ...(opts.signal ? { signal: opts.signal } : {})
    }
  )
  const failure = destroyFailure(results)
  const report = buildStackReport({
    region: opts.region,
    accountMasked: maskAccount(account),
    deployed: [],
    destroyed: results
  })
  return failure ? { report, failure } : { report }
}
