/**
 * The action's saved state as the runner keeps it: main saves (GITHUB_STATE), but core.getState in main
 * reads STATE_* variables that only later steps get, so main reads back nothing it saved; post() is the
 * post step's view of everything saved up to now.
 */
import type { StateStore } from '../../src/app/ports.js'

export interface RunnerState extends StateStore {
  /** Everything saved so far, by key (last value wins, as for the runner). */
  values: Map<string, string>
  /** When each key was first saved (Date.now()), to check state is saved before a side effect. */
  firstSavedAt: Map<string, number>
  /** The state the post step sees: a snapshot of what main saved. */
  post(): StateStore
}

export function runnerState(): RunnerState {
  const values = new Map<string, string>()
  const firstSavedAt = new Map<string, number>()
  return {
    values,
    firstSavedAt,
    post() {
      const snapshot = new Map(values)
      return { save: (k, v) => void values.set(k, v), get: (k) => snapshot.get(k) ?? '' }
    },
    save(key, value) {
      if (!firstSavedAt.has(key)) firstSavedAt.set(key, Date.now())
      values.set(key, value)
    },
    get: () => ''
  }
}

/** Post's view of a state main saved: for tests of post alone. */
export function savedState(entries: Record<string, string>): StateStore {
  const state = runnerState()
  for (const [k, v] of Object.entries(entries)) state.save(k, v)
  return state.post()
}
