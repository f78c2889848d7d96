/**
 * The action's saved state as the runner keeps it: main saves (GITHUB_STATE), but core.getState in main
 * reads STATE_* variables that only later steps get, so main reads back nothing it saved; post() is the
 * post step's view of everything saved up to then.
 */
import type { StateStore } from '../../src/app/ports.js'

export interface RunnerState extends StateStore {
  /** Everything saved so far, by key (the last value wins, as for the runner). */
  values: Map<string, string>
  /** Each save in order, with what `seen()` said at that moment (the time, or e.g. a count of calls). */
  saves: { key: string; value: string; seen: number }[]
  /** `seen` at the first save of the key: to check state was saved before a side effect. */
  firstSeen(key: string): number | undefined
  /** The state the post step sees: a snapshot of what main saved. */
  post(): StateStore
}

export function runnerState(seen: () => number = () => Date.now()): RunnerState {
  const values = new Map<string, string>()
  const saves: RunnerState['saves'] = []
  return {
    values,
    saves,
    firstSeen: (key) => saves.find((s) => s.key === key)?.seen,
    post() {
      const snapshot = new Map(values)
      return { save: (k, v) => void values.set(k, v), get: (k) => snapshot.get(k) ?? '' }
    },
    save(key, value) {
      values.set(key, value)
      saves.push({ key, value, seen: seen() })
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
