/**
 * The e2e tier's saved state (GITHUB_STATE): names before the deploy, StackIds as soon as they exist,
 * and what post needs to destroy (region, endpoint, owner, force-delete, the timeout). Post reads it,
 * never re-derives it: it does not read the inputs.
 */
import { StateKey } from '../state-keys.js'
import type { StateStore } from '../ports.js'
import { errorMessage } from '../../core/error-message.js'

export interface StackAwsState {
  region: string
  endpointUrl?: string
  accountMasked: string
  repository: string
  runId: string
  expiresAt: string
  /** force-delete as main read it. */
  forceDelete: boolean
  /** destroy-timeout-minutes as main read it, in ms. */
  destroyTimeoutMs: number
}

/**
 * Main's record of its stacks: kept in memory (the runner's state is readable only by post, never by
 * the process that saved it) and written through to the saved state for post.
 */
export class RecordedStacks {
  names: string[] = []
  readonly ids: Record<string, string> = {}
  destroyed = false

  constructor(private readonly state: StateStore) {}

  saveAws(aws: StackAwsState): void {
    this.state.save(StateKey.StackAws, JSON.stringify(aws))
  }

  saveNames(names: readonly string[]): void {
    this.names = [...names]
    this.state.save(StateKey.Stacks, JSON.stringify(names))
  }

  recordId(name: string, id: string): void {
    if (this.ids[name] === id) return
    this.ids[name] = id
    this.state.save(StateKey.StackIds, JSON.stringify(this.ids))
  }

  markDestroyed(): void {
    this.destroyed = true
    markDestroyed(this.state)
  }

  /** mode deploy completed: post leaves the stacks to the e2e job and the cleanup job. */
  markHandedOver(): void {
    this.state.save(StateKey.StacksHandedOver, 'true')
  }
}

export function markDestroyed(state: StateStore): void {
  state.save(StateKey.StacksDestroyed, 'true')
}

export interface SavedStacks {
  names: string[]
  ids: Record<string, string>
  /** The AWS settings main saved; undefined when it saved none (no e2e setup ran). */
  aws: StackAwsState | undefined
  destroyed: boolean
  /** mode deploy handed the stacks over: mode cleanup destroys them, not post. */
  handedOver: boolean
}

export function readSavedStacks(state: StateStore): SavedStacks {
  return {
    names: parse<string[]>(state.get(StateKey.Stacks), []),
    ids: parse<Record<string, string>>(state.get(StateKey.StackIds), {}),
    aws: parse<StackAwsState | undefined>(state.get(StateKey.StackAws), undefined),
    destroyed: state.get(StateKey.StacksDestroyed) === 'true',
    handedOver: state.get(StateKey.StacksHandedOver) === 'true'
  }
}

function parse<T>(raw: string, fallback: T): T {
  if (!raw) return fallback
  try {
    return JSON.parse(raw) as T
  } catch (err) {
    throw new Error(
      `The saved e2e stack state is not valid JSON (${errorMessage(err)}): "${raw.slice(0, 80)}". ` +
        'Check the stacks of this run in the CloudFormation console; the janitor removes them after pyramid:expires-at.'
    )
  }
}
