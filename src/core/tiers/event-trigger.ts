/**
 * What started the run, read from the event name and the webhook payload (untrusted: every field is
 * checked for its type). The default branch comes from `repository.default_branch`, never assumed —
 * except for `schedule`, which GitHub always runs on the default branch (GITHUB_REF), and whose payload
 * may carry no repository at all.
 */
import type { RunContext } from '../context.js'

export type Trigger =
  | { kind: 'push'; branch: string; isDefault: boolean }
  | { kind: 'tag'; tag: string }
  | { kind: 'deleted'; ref: string }
  | { kind: 'pull-request'; event: string; fork?: ForkInfo }
  | { kind: 'merge-queue' }
  | { kind: 'dispatch' }
  | { kind: 'schedule' }
  | { kind: 'other'; event: string }

export interface ForkInfo {
  /** owner/name of the head repository, or undefined when the fork was deleted (head.repo is null). */
  head?: string
  base: string
}

export interface EventFacts {
  trigger: Trigger
  ref?: string
  defaultBranch?: string
  isDefaultBranch: boolean
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target']

export function readEvent(ctx: Pick<RunContext, 'eventName' | 'payload' | 'ref'>): EventFacts {
  const payload = ctx.payload
  const ref = ctx.eventName === 'push' ? (str(payload['ref']) ?? orUndefined(ctx.ref)) : orUndefined(ctx.ref)
  const defaultBranch =
    str(obj(payload['repository'])?.['default_branch']) ??
    (ctx.eventName === 'schedule' ? ref?.match(/^refs\/heads\/(.+)$/)?.[1] : undefined)
  const trigger = classify(ctx.eventName, payload, ref, defaultBranch)
  const isDefaultBranch =
    trigger.kind !== 'deleted' && defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`
  return { trigger, ...(ref ? { ref } : {}), ...(defaultBranch ? { defaultBranch } : {}), isDefaultBranch }
}

function classify(
  event: string,
  payload: Record<string, unknown>,
  ref: string | undefined,
  defaultBranch: string | undefined
): Trigger {
  if (event === 'push') {
    const r = ref ?? ''
    if (payload['deleted'] === true) return { kind: 'deleted', ref: r }
    if (r.startsWith('refs/tags/')) return { kind: 'tag', tag: r.slice('refs/tags/'.length) }
    const branch = r.replace(/^refs\/heads\//, '')
    return { kind: 'push', branch, isDefault: defaultBranch !== undefined && branch === defaultBranch }
  }
  if (PULL_REQUEST_EVENTS.includes(event)) {
    const fork = forkOf(payload)
    return { kind: 'pull-request', event, ...(fork ? { fork } : {}) }
  }
  if (event === 'merge_group') return { kind: 'merge-queue' }
  if (event === 'workflow_dispatch') return { kind: 'dispatch' }
  if (event === 'schedule') return { kind: 'schedule' }
  return { kind: 'other', event }
}

/**
 * A fork PR: the head repository differs from the base repository (by id or by name), or is null (the
 * fork was deleted). Any difference counts: when in doubt, the run is treated as a fork.
 */
function forkOf(payload: Record<string, unknown>): ForkInfo | undefined {
  const pr = obj(payload['pull_request'])
  if (!pr) return undefined
  const base = obj(obj(pr['base'])?.['repo']) ?? obj(payload['repository']) ?? {}
  const baseName = str(base['full_name']) ?? '(unknown)'
  const headRepo = obj(pr['head'])?.['repo']
  if (headRepo === null) return { base: baseName }
  const head = obj(headRepo)
  if (!head) return undefined
  const headName = str(head['full_name'])
  const idDiffers =
    typeof head['id'] === 'number' && typeof base['id'] === 'number' && head['id'] !== base['id']
  const nameDiffers = headName !== undefined && headName.toLowerCase() !== baseName.toLowerCase()
  return idDiffers || nameDiffers ? { ...(headName ? { head: headName } : {}), base: baseName } : undefined
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function orUndefined(value: string): string | undefined {
  return value === '' ? undefined : value
}
