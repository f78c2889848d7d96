/**
 * The format-1 ledger (one record per run) as a format-2 ledger: its newest runs replayed, oldest first,
 * through appendRun, so a migrated ledger is exactly what appending those runs would have built. Pure.
 */
import { appendRun, EMPTY_LEDGER, HISTORY_MAX_RUNS, type Ledger } from './ledger.js'
import type { LegacyHistory } from './legacy-ledger.js'

export function migrateLegacy(legacy: LegacyHistory, maxRuns = HISTORY_MAX_RUNS): Ledger {
  return legacy.runs
    .slice(-maxRuns)
    .reduce((ledger, record) => appendRun(ledger, record, maxRuns), EMPTY_LEDGER)
}
