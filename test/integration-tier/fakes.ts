/** Fakes of our own ports for the integration-tier tests: a recording Log and an in-memory StateStore. */
import type { Inputs } from '../../src/inputs/types.js'
import type { Log, StateStore } from '../../src/app/ports.js'

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
    localstackTimeoutSeconds: 30,
    ...overrides
  }
}
