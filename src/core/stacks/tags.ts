/**
 * The tags on every ephemeral stack (the README's "Ephemeral stacks: the safety rules"), and ownership
 * checks by tag: a stack is ours only when it carries this repository's and this run's tags. Pure.
 */
import { runUrl, type RunContext } from '../context.js'

export const TagKey = {
  Ephemeral: 'pyramid:ephemeral',
  Repository: 'pyramid:repository',
  RunId: 'pyramid:run-id',
  RunAttempt: 'pyramid:run-attempt',
  Instance: 'pyramid:instance',
  Sha: 'pyramid:sha',
  ExpiresAt: 'pyramid:expires-at',
  CreatedBy: 'pyramid:created-by'
} as const

export type StackTags = Record<string, string>

/** The tags that say which run (and which call of it) made a stack; known before the deploy. */
export function runTags(ctx: RunContext, instance: string): StackTags {
  return {
    [TagKey.Ephemeral]: 'true',
    [TagKey.Repository]: ctx.repository,
    [TagKey.RunId]: ctx.runId,
    [TagKey.RunAttempt]: String(ctx.runAttempt),
    [TagKey.Instance]: instance,
    [TagKey.Sha]: ctx.sha,
    [TagKey.CreatedBy]: runUrl(ctx)
  }
}

/** Every tag of an ephemeral stack: the run's, and when the janitor may remove it. */
export function stackTags(ctx: RunContext, instance: string, now: number, ttlMinutes: number): StackTags {
  return { ...runTags(ctx, instance), [TagKey.ExpiresAt]: new Date(now + ttlMinutes * 60_000).toISOString() }
}

/** PYRAMID_STACK_TAGS: space-separated key=value pairs (values here never contain spaces). */
export function tagsAsEnv(tags: StackTags): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
}

/** Tags that are expected but missing or different on a deployed stack: [] when all are there. */
export function missingTags(expected: StackTags, actual: StackTags): string[] {
  return Object.entries(expected)
    .filter(([k, v]) => actual[k] !== v)
    .map(([k]) => k)
}

/** The stack was created by this run of this repository (any attempt of it). */
export function isOwnedByRun(tags: StackTags, repository: string, runId: string): boolean {
  return (
    tags[TagKey.Ephemeral] === 'true' &&
    tags[TagKey.Repository] === repository &&
    tags[TagKey.RunId] === runId
  )
}

/** The stack was created by this call (instance) of this run; stacks without the tag are not ours. */
export function isOwnedByCall(tags: StackTags, repository: string, runId: string, instance: string): boolean {
  return isOwnedByRun(tags, repository, runId) && tags[TagKey.Instance] === instance
}

/** The stack is one of this repository's ephemeral stacks (janitor scope). */
export function isEphemeralOf(tags: StackTags, repository: string): boolean {
  return tags[TagKey.Ephemeral] === 'true' && tags[TagKey.Repository] === repository
}

/** Expiry from the tag: undefined when missing or not a valid time. */
export function expiresAt(tags: StackTags): number | undefined {
  const raw = tags[TagKey.ExpiresAt]
  if (raw === undefined) return undefined
  const t = Date.parse(raw)
  return Number.isNaN(t) ? undefined : t
}
