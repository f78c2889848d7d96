/** Fakes of our own ports for the integration-tier tests: a recording Log and an in-memory StateStore. */
import type { Inputs } from '../../src/inputs/types.js'
import type { Clock, Log, StateStore } from '../../src/app/ports.js'

export interface RecordingLog extends Log {
  lines: string[]
  masked: string[]
}

export function recordingLog(): RecordingLog {
  const lines: string[] = []
  const masked: string[] = []
  return {
    lines,
    masked,
    info: (m) => void lines.push(`info: ${m}`),
    debug: (m) => void lines.push(`debug: ${m}`),
    warning: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    mask: (s) => void masked.push(s),
    group: (name, fn) => {
      lines.push(`group: ${name}`)
      return fn()
    }
  }
}

export interface MemoryState extends StateStore {
  values: Map<string, string>
  /** Each save, with what `onSave` returned at that moment (e.g. how many docker calls had been made). */
  saves: { key: string; value: string; seen: number }[]
}

export function memoryState(onSave: () => number = () => 0): MemoryState {
  const values = new Map<string, string>()
  const saves: MemoryState['saves'] = []
  return {
    values,
    saves,
    save(key, value) {
      values.set(key, value)
      saves.push({ key, value, seen: onSave() })
    },
    get: (key) => values.get(key) ?? ''
  }
}

export function integrationInputs(overrides: Partial<Inputs['integration']> = {}): Inputs['integration'] {
  return {
    command: 'npm run test:integration',
    localstack: 'auto',
    localstackImage: 'localstack/localstack:4.14.0',
    localstackServices: ['dynamodb', 's3'],
    localstackEndpoint: 'http://localhost:4566',
    // In steps of the stepping clock: far more polls than any stand-in needs, so only a test that means to
    // time out does.
    localstackTimeoutSeconds: 3600,
    ...overrides
  }
}

export interface SteppingClock extends Clock {
  /** Moves time forward, as if that much had passed (e.g. while LocalStack loaded its services). */
  advance(ms: number): void
}

/**
 * A clock whose time passes only when the code under test sleeps (by the time it asked for) or the test
 * advances it, so that deadlines and durations never depend on how fast the machine is. A sleep yields
 * to the event loop for a few real milliseconds, so that real I/O (HTTP to the stand-in, docker calls)
 * goes on and the polling loops do not spin.
 */
export function steppingClock(start = Date.UTC(2026, 0, 1)): SteppingClock {
  let now = start
  return {
    now: () => now,
    advance: (ms) => void (now += ms),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve()
        now += ms
        setTimeout(resolve, 10)
      })
  }
}
