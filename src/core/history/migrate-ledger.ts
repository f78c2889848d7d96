/**
 * The format-1 ledger (one record per run) as a format-2 ledger: its newest runs replayed, oldest first,
 * through appendRun, so a migrated ledger is exactly what appending those runs would have built. Its
 * test ids were built before titles were normalised; they are normalised the way ids are built now
 * (identity.ts), so a test's old history and its new runs are one window. Ids that become one (two
 * spellings of a title) are one test. Pure.
 */
import { normalizeTestId } from '../results/identity.js'
import { appendRun, EMPTY_LEDGER, HISTORY_MAX_RUNS, type Ledger } from './ledger.js'
import type { LegacyHistory } from './legacy-ledger.js'
import type { RunRecord } from './record.js'

export function migrateLegacy(legacy: LegacyHistory, maxRuns = HISTORY_MAX_RUNS): Ledger {
  return legacy.runs
    .slice(-maxRuns)
    .reduce((ledger, record) => appendRun(ledger, withCurrentIds(record), maxRuns), EMPTY_LEDGER)
}

function withCurrentIds(record: RunRecord): RunRecord {
  return { ...record, tests: record.tests.map((t) => ({ ...t, id: normalizeTestId(t.id) })) }
}
