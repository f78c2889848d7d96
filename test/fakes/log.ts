/** One Log fake for every test: each call recorded as a "level: message" line, masks and groups too. */
import type { Log } from '../../src/app/ports.js'

export interface RecordingLog extends Log {
  /** "info: …", "debug: …", "warning: …", "error: …", "group: <name>" in call order. */
  lines: string[]
  /** Secrets passed to mask(). */
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
