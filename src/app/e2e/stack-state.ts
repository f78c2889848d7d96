/**
 * The e2e tier's saved state (GITHUB_STATE): names before the deploy, StackIds as soon as they exist,
 * and what post needs to destroy (region, endpoint, owner). Post reads it, never re-derives it.
 */
import { StateKey } from '../state-keys.js'
import type { StateStore } from '../ports.js'

export interface StackAwsState {
  region: string
  endpointUrl?: string
  accountMasked: string
  repository: string
  runId: string
  expiresAt: string
}

export function saveStackNames(state: StateStore, names: readonly string[]): void {
  state.save(StateKey.Stacks, JSON.stringify(names))
}

export function saveStackAws(state: StateStore, aws: StackAwsState): void {
  state.save(StateKey.StackAws, JSON.stringify(aws))
}

export function recordStackId(
  state: StateStore,
  ids: Record<string, string>,
  name: string,
  id: string
): void {
  if (ids[name] === id) return
  ids[name] = id
  state.save(StateKey.StackIds, JSON.stringify(ids))
}

export function markDestroyed(state: StateStore): void {
  state.save(StateKey.StacksDestroyed, 'true')
}

export interface SavedStacks {
  names: string[]
  ids: Record<string, string>
  aws?: StackAwsState
  destroyed: boolean
}

export function readSavedStacks(state: StateStore): SavedStacks {
  return {
    names: parse<string[]>(state.get(StateKey.Stacks), []),
    ids: parse<Record<string, string>>(state.get(StateKey.StackIds), {}),
    aws: parse<StackAwsState | undefined>(state.get(StateKey.StackAws), undefined),
    destroyed: state.get(StateKey.StacksDestroyed) === 'true'
  }
}

function parse<T>(raw: string, fallback: T): T {
  if (!raw) return fallback
  try {
    return JSON.parse(raw) as T
  } catch (err) {
    throw new Error(
      `The saved e2e stack state is not valid JSON (${(err as Error).message}): "${raw.slice(0, 80)}". ` +
        'Check the stacks of this run in the CloudFormation console; the janitor removes them after pyramid:expires-at.'
    )
  }
}
