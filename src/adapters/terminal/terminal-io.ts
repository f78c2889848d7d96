/** The ports for a developer's terminal (the CLI): plain log lines, in-memory state and outputs. */
import type { Log, Outputs, StateStore } from '../../app/ports.js'

export function terminalLog(write: (text: string) => void, opts: { color: boolean; debug: boolean }): Log {
  const paint = (code: number, text: string) => (opts.color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const masks: string[] = []
  const hide = (text: string) => masks.reduce((t, s) => t.split(s).join('***'), text)
  const where = (p?: { file?: string; startLine?: number }) =>
    p?.file ? ` (${p.file}${p.startLine ? `:${p.startLine}` : ''})` : ''
  return {
    info: (m) => write(hide(m) + '\n'),
    debug: (m) => {
      if (opts.debug) write(paint(2, hide(m)) + '\n')
    },
    warning: (m, p) => write(paint(33, `warning: ${hide(m)}${where(p)}`) + '\n'),
    error: (m, p) => write(paint(31, `error: ${hide(m)}${where(p)}`) + '\n'),
    mask: (s) => {
      if (s) masks.push(s)
    },
    group: async (name, fn) => {
      write(paint(1, `▸ ${name}`) + '\n')
      return fn()
    }
  }
}

export function memoryState(): StateStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return { entries, save: (k, v) => void entries.set(k, v), get: (k) => entries.get(k) ?? '' }
}

export function memoryOutputs(): Outputs & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return { values, set: (k, v) => void values.set(k, v) }
}
