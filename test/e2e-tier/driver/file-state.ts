/**
 * A StateStore over a real file (one JSON line per save), shared by the driver's main and post processes.
 * Like the runner's state, main cannot read back what it saved (readable: false); post reads it all.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import type { StateStore } from '../../../src/app/ports.js'

export function fileState(file: string, readable: boolean): StateStore {
  return {
    save: (key, value) => appendFileSync(file, JSON.stringify({ key, value }) + '\n'),
    get: (key) => {
      if (!readable || !existsSync(file)) return ''
      let value = ''
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue
        // A line cut short by SIGKILL is ignored, as the runner would ignore a half-written command.
        let entry: { key: string; value: string }
        try {
          entry = JSON.parse(line) as { key: string; value: string }
        } catch {
          continue
        }
        if (entry.key === key) value = entry.value
      }
      return value
    }
  }
}
