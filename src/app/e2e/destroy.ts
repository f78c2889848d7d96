/**
 * Destroys the run's stacks by StackId: DeleteStack with a ClientRequestToken, in-progress states waited
 * out, polled with a short backoff that survives Throttling. DELETE_FAILED → failing resources from the
 * stack events, then (force-delete) a FORCE_DELETE_STACK delete whose retained resources are reported as
 * leaked. A delete cancelled because an export is in use is a failed destroy; "does not exist" is gone.
 */
import { randomBytes } from 'node:crypto'
import type { StackResource } from '../../core/results/report.js'
import { isThrottling, type Clock, type CloudFormationApi, type Log } from '../ports.js'
import { pollOnce, type Done, type LoopState, type Step } from './destroy-step.js'
import { Backoff } from './poll.js'

export interface DestroyTarget {
  name: string
  stackId?: string
}

export interface DestroyDeps {
  cfn: CloudFormationApi
  clock: Clock
  log: Log
}

export interface DestroyOptions {
  forceDelete: boolean
  timeoutMs: number
  /** Only stacks tagged for this run are deleted when found by name (ownership). */
  owner: { repository: string; runId: string }
  signal?: AbortSignal
  /** A fresh random base per process; each DeleteStack call appends a counter. */
  tokenBase?: string
}

export interface StackDestroyResult {
  name: string
  stackId?: string
  finalStatus: string
  confirmed: boolean
  destroyMs: number
  failedResources: StackResource[]
  leaked: StackResource[]
  expiresAt?: string
  failure?: string
}

export function newTokenBase(runId: string): string {
  return `pyramid-${runId}-${randomBytes(4).toString('hex')}`.slice(0, 100)
}

export async function destroyStacks(
  deps: DestroyDeps,
  targets: readonly DestroyTarget[],
  opts: DestroyOptions
): Promise<StackDestroyResult[]> {
  const tokenBase = opts.tokenBase ?? newTokenBase(opts.owner.runId)
  return Promise.all(
    targets.map((t, i) => destroyStack(deps, t, { ...opts, tokenBase: `${tokenBase}-${i}` }))
  )
}

export async function destroyStack(
  deps: DestroyDeps,
  target: DestroyTarget,
  opts: DestroyOptions
): Promise<StackDestroyResult> {
  const { clock } = deps
  const started = clock.now()
  const deadline = started + opts.timeoutMs
  const backoff = new Backoff()
  const tokens: string[] = []
  let lastStatus = 'UNKNOWN'
  let expiresAt: string | undefined
  let stackId = target.stackId
  const state: LoopState = {
    tokens,
    forced: false,
    tokenBase: opts.tokenBase ?? newTokenBase(opts.owner.runId)
  }
  const result = (extra: Done): StackDestroyResult => ({
    name: target.name,
    ...(stackId ? { stackId } : {}),
    destroyMs: clock.now() - started,
    failedResources: [],
    leaked: [],
    ...(expiresAt ? { expiresAt } : {}),
    ...extra
  })

  while (clock.now() < deadline && !opts.signal?.aborted) {
    let step: Step
    try {
      step = await pollOnce(deps, target, stackId, state, opts, started)
    } catch (err) {
      if (!isThrottling(err)) throw err
      await clock.sleep(backoff.throttled(), opts.signal)
      continue
    }
    if (step.stackId) stackId = step.stackId
    if (step.status) lastStatus = step.status
    if (step.expiresAt) expiresAt = step.expiresAt
    if (step.done) return result(step.done)
    await clock.sleep(backoff.next(), opts.signal)
  }
  const expiry = expiresAt ? ` after ${expiresAt}` : ' after its pyramid:expires-at time'
  return result({
    finalStatus: lastStatus,
    confirmed: false,
    failure:
      `Stack ${target.name}${stackId ? ` (${stackId})` : ''} was not confirmed deleted within ` +
      `${Math.round(opts.timeoutMs / 60_000)} minute(s) (last status ${lastStatus}). It keeps its pyramid:* tags: ` +
      `the janitor (mode: janitor) removes it${expiry}; check it in the CloudFormation console.`
  })
}
