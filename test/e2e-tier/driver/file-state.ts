/** A StateStore over a real file (one JSON line per save), shared by the driver's main and post processes. */
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import type { StateStore } from '../../../src/app/ports.js'

export function fileState(file: string): StateStore {
  return {
    save: (key, value) => appendFileSync(file, JSON.stringify({ key, value }) + '\n'),
    get: (key) => {
      if (!existsSync(file)) return ''
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
