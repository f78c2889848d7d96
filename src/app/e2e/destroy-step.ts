/**
 * One step of the destroy loop: look at the stack (by StackId once known) and act on its state —
 * confirm, issue DeleteStack (with a fresh ClientRequestToken), force-delete after DELETE_FAILED,
 * recognise an export-in-use cancellation, or wait.
 */
import { isThrottling, type CloudFormationApi, type StackDescription } from '../ports.js'
import { errorMessage } from '../../core/error-message.js'
import type { StackResource } from '../../core/results/report.js'
import { classifyStatus } from '../../core/stacks/states.js'
import { isOwnedByRun, TagKey } from '../../core/stacks/tags.js'
import type { DestroyDeps, DestroyOptions, DestroyTarget, StackDestroyResult } from './destroy.js'
import { failedResourcesFromEvents, leakedResources } from './stack-events.js'

export type Done = Partial<StackDestroyResult> & { finalStatus: string; confirmed: boolean }

export interface LoopState {
  tokens: string[]
  forced: boolean
  tokenBase: string
}

export interface Step {
  stackId?: string
  status?: string
  expiresAt?: string
  done?: Done
}

/** One look at the stack and what follows from it: done, or a DeleteStack issued / nothing to do yet. */
export async function pollOnce(
  deps: DestroyDeps,
  target: DestroyTarget,
  knownId: string | undefined,
  state: LoopState,
  opts: DestroyOptions,
  started: number
): Promise<Step> {
  const { cfn, clock, log } = deps
  let stack: StackDescription | undefined
  try {
    stack = await cfn.describeStack(knownId ?? target.name, opts.signal)
  } catch (err) {
    throw isThrottling(err) ? err : describeError(target, err)
  }
  if (!stack) return { done: { finalStatus: knownId ? 'DELETE_COMPLETE' : 'NOT_FOUND', confirmed: true } }
  if (!knownId && !isOwnedByRun(stack.tags, opts.owner.repository, opts.owner.runId)) {
    log.warning(
      `Stack ${target.name} exists but is not tagged as this run's stack: left untouched (never delete what we did not create).`
    )
    return { done: { finalStatus: stack.status, confirmed: true } }
  }
  const stackId = stack.id
  const step: Step = {
    stackId,
    status: stack.status,
    ...(stack.tags[TagKey.ExpiresAt] ? { expiresAt: stack.tags[TagKey.ExpiresAt] } : {})
  }
  const cls = classifyStatus(stack.status)
  if (cls === 'deleted') {
    const leaked = await leakedAfterDelete(deps, target.name, stackId, state.forced)
    return { ...step, done: { finalStatus: stack.status, confirmed: true, leaked } }
  }
  if (cls === 'delete-failed') {
    const failedResources = await failedResourcesFromEvents(
      cfn,
      target.name,
      stackId,
      'DELETE_FAILED',
      opts.signal
    )
    const list = failedResources
      .map((r) => `${r.logicalId} (${r.type}): ${r.reason ?? 'no reason given'}`)
      .join('; ')
    if (!opts.forceDelete || state.forced) {
      return {
        ...step,
        done: {
          finalStatus: stack.status,
          confirmed: false,
          failedResources,
          failure:
            `Stack ${target.name} could not be deleted (DELETE_FAILED): ${list || stack.reason || 'no reason given'}. ` +
            (state.forced
              ? 'The FORCE_DELETE_STACK delete failed too: remove the resources by hand, then delete the stack.'
              : 'Fix or empty these resources and delete the stack, or set force-delete: true to delete it and list what stays behind.')
        }
      }
    }
    log.warning(`Stack ${target.name} is DELETE_FAILED (${list}); deleting with FORCE_DELETE_STACK.`)
    state.forced = true
    await issueDelete(cfn, stackId, state, opts, true)
    return step
  }
  if (cls === 'deletable') {
    if (state.tokens.length > 0) {
      const cancelled =
        stack.status === 'REVIEW_IN_PROGRESS'
          ? undefined
          : await cancelledDelete(cfn, stackId, state.tokens, opts.signal)
      if (cancelled !== undefined) {
        return {
          ...step,
          done: {
            finalStatus: stack.status,
            confirmed: false,
            failure:
              `The delete of stack ${target.name} was cancelled by CloudFormation and the stack is back in ${stack.status}: ` +
              `${cancelled}. Remove the stacks that import its exports (or the imports), then delete it.`
          }
        }
      }
      // Just issued: CloudFormation may not show DELETE_IN_PROGRESS yet. Re-issue only after a while.
      if (clock.now() - started < 10_000 * state.tokens.length) return step
    }
    await issueDelete(cfn, stackId, state, opts, false)
  }
  return step
}

async function issueDelete(
  cfn: CloudFormationApi,
  stackId: string,
  state: LoopState,
  opts: DestroyOptions,
  force: boolean
): Promise<void> {
  const tokens = state.tokens
  const token = `${state.tokenBase}-${force ? 'f' : 'd'}${tokens.length + 1}`
  tokens.push(token)
  try {
    await cfn.deleteStack(stackId, { clientRequestToken: token, forceDelete: force }, opts.signal)
  } catch (err) {
    // In-progress states and throttling are waited out by the polling loop; anything else is a real error.
    const msg = errorMessage(err)
    if (!isThrottling(err) && !/cannot be deleted while in status/.test(msg)) {
      throw new Error(
        `DeleteStack ${stackId} failed: ${msg}. Check the credentials' cloudformation:DeleteStack permission.`
      )
    }
    tokens.pop()
  }
}

/** The reason CloudFormation gave when one of our deletes was cancelled (export in use), if it was. */
async function cancelledDelete(
  cfn: CloudFormationApi,
  stackId: string,
  tokens: string[],
  signal?: AbortSignal
): Promise<string | undefined> {
  const events = await cfn.stackEvents(stackId, 50, signal)
  const ours = events.filter((e) => e.clientRequestToken && tokens.includes(e.clientRequestToken))
  if (!ours.some((e) => e.status === 'DELETE_IN_PROGRESS')) return undefined
  const withReason =
    ours.find((e) => e.reason && e.status.startsWith('UPDATE_')) ?? ours.find((e) => e.reason)
  return withReason?.reason ?? 'no reason given'
}

async function leakedAfterDelete(
  deps: DestroyDeps,
  name: string,
  stackId: string,
  forced: boolean
): Promise<StackResource[]> {
  try {
    return await leakedResources(deps.cfn, name, stackId, forced)
  } catch (err) {
    deps.log.warning(
      `Could not list what stack ${name} left behind (ListStackResources): ${errorMessage(err)}.`
    )
    return []
  }
}

function describeError(target: DestroyTarget, err: unknown): Error {
  return new Error(
    `DescribeStacks for ${target.stackId ?? target.name} failed: ${errorMessage(err)}. ` +
      'Check the credentials (cloudformation:DescribeStacks) and region; the janitor removes the stack after pyramid:expires-at.'
  )
}
