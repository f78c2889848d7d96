/** One Log fake for every test: each call recorded in order, as a line and as an entry; masks too. */
import type { Log } from '../../src/app/ports.js'

export interface LogEntry {
  level: 'info' | 'debug' | 'warning' | 'error' | 'group'
  message: string
}

export interface RecordingLog extends Log {
  /** "info: …", "debug: …", "warning: …", "error: …", "group: <name>", in call order. */
  lines: string[]
  /** The same calls as level + message. */
  entries: LogEntry[]
  /** Secrets passed to mask(). */
  masked: string[]
}

export function recordingLog(): RecordingLog {
  const lines: string[] = []
  const entries: LogEntry[] = []
  const masked: string[] = []
  const record = (level: LogEntry['level'], message: string) => {
    entries.push({ level, message })
    lines.push(`${level}: ${message}`)
  }
  return {
    lines,
    entries,
    masked,
    info: (m) => record('info', m),
    debug: (m) => record('debug', m),
    warning: (m) => record('warning', m),
    error: (m) => record('error', m),
    mask: (s) => void masked.push(s),
    group: (name, fn) => {
      record('group', name)
      return fn()
    }
  }
}
