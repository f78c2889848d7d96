/**
 * The history ledger on an orphan branch, through the Git Data API (git-files.ts). Reads degrade to
 * "no history" and writes to a warning on any failure: history never fails a run.
 *
 * Writes are optimistic: read the branch → append our run to the ledger found there → commit the files
 * that changed → move the branch only if nobody else moved it meanwhile. When someone did, re-read,
 * append again and retry with jittered backoff: because each attempt starts from the latest ledger, no
 * writer's run is lost. A format-1 ledger (pyramid-ledger.json, contents API) is read as long as it is
 * the only one, and migrated — written in format 2, the old file deleted — by the first write.
 */
import type { Clock, Log } from '../../app/ports.js'
import { errorMessage } from '../../core/error-message.js'
import { appendRun, EMPTY_LEDGER, hasRun, type Ledger } from '../../core/history/ledger.js'
import {
  decodeRunsFile,
  decodeShard,
  encodeLedgerFiles,
  isShardFile,
  ledgerOf,
  RUNS_FILE,
  shardFile
} from '../../core/history/ledger-files.js'
import { decodeLedger, LEGACY_LEDGER_FILE } from '../../core/history/legacy-ledger.js'
import { migrateLegacy } from '../../core/history/migrate-ledger.js'
import { runKey, type RunRecord } from '../../core/history/record.js'
import { commitFiles, readBlob, readSnapshot, type BranchRef, type BranchSnapshot } from './git-files.js'
import type { Octokit } from './octokit.js'

export interface HistoryDeps {
  octokit: Octokit
  log: Log
  clock: Clock
  random?: () => number
  /** Write attempts before giving up (default 6). */
  maxAttempts?: number
}

export type LedgerRef = BranchRef

/** The ledger as read, with what a write needs to build on it. */
export interface StoredLedger {
  ledger: Ledger
  snapshot: BranchSnapshot
  /** Text of each ledger file read, by path (a write skips files whose text is unchanged). */
  texts: ReadonlyMap<string, string>
  shards: number
  format: 'none' | 'legacy' | 'current'
}

export async function readHistory(deps: HistoryDeps, ref: LedgerRef): Promise<StoredLedger | undefined> {
  try {
    const stored = await loadLedger(deps.octokit, ref)
    if (stored.format === 'none') {
      deps.log.info(
        `No history yet: branch "${ref.branch}" ${stored.snapshot.head ? `has no ${RUNS_FILE}` : 'does not exist'} (it is written by default-branch runs).`
      )
      return undefined
    }
    const bytes = [...stored.texts.values()].reduce((n, t) => n + t.length, 0)
    deps.log.info(
      `History: ${stored.ledger.runs.length} earlier run(s), ${stored.ledger.tests.size} test(s) from branch "${ref.branch}" (${stored.texts.size} file(s), ${bytes} bytes${stored.format === 'legacy' ? `, ${LEGACY_LEDGER_FILE} of an earlier version: the next default-branch run migrates it` : ''}).`
    )
    return stored
  } catch (e) {
    deps.log.warning(
      `History is not available, so flakiness across runs and trends are left out: reading branch "${ref.branch}" failed (${errorMessage(e)}). Check that the token may read contents, or set history: off.`
    )
    return undefined
  }
}

/** Appends the run. `seen`: the ledger this run already read, tried first (a conflict re-reads). */
export async function appendHistory(
  deps: HistoryDeps,
  ref: LedgerRef,
  record: RunRecord,
  seen?: StoredLedger
): Promise<void> {
  const maxAttempts = deps.maxAttempts ?? 6
  const random = deps.random ?? Math.random
  let why = ''
  try {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const base = attempt === 1 && seen ? seen : await loadForWrite(deps, ref)
      const outcome = await tryAppend(deps, ref, record, base)
      if (outcome.committed) return
      why = outcome.why
      deps.log.debug(`history write conflict (${why}); re-reading and appending again`)
      await deps.clock.sleep(Math.round(250 * 2 ** (attempt - 1) * (0.5 + random())))
    }
    deps.log.warning(
      `History was not updated: ${maxAttempts} writes to branch "${ref.branch}" lost a race with other writers (last: ${why}). This run's record is only in its report; the next run writes its own.`
    )
  } catch (e) {
    deps.log.warning(
      `History was not updated: writing branch "${ref.branch}" failed (${errorMessage(e)}). Give the job "contents: write" permission, or set history: off.`
    )
  }
}

async function tryAppend(
  deps: HistoryDeps,
  ref: LedgerRef,
  record: RunRecord,
  base: StoredLedger
): Promise<{ committed: true } | { committed: false; why: string }> {
  if (hasRun(base.ledger, record)) {
    deps.log.info(`History: run ${runKey(record)} is already recorded on branch "${ref.branch}".`)
    return { committed: true }
  }
  const ledger = appendRun(base.ledger, record)
  const files = encodeLedgerFiles(ledger, base.shards)
  const changes = new Map<string, string | null>()
  for (const [path, text] of files) if (base.texts.get(path) !== text) changes.set(path, text)
  for (const path of base.snapshot.blobs.keys())
    if ((path === LEGACY_LEDGER_FILE || isShardFile(path)) && !files.has(path)) changes.set(path, null)
  const outcome = await commitFiles(deps.octokit, ref, base.snapshot, changes, commitMessage(record))
  if (outcome.committed) {
    const bytes = [...files.values()].reduce((n, t) => n + t.length, 0)
    const migrated =
      base.format === 'legacy' ? `; migrated ${LEGACY_LEDGER_FILE} (${base.ledger.runs.length} runs)` : ''
    deps.log.info(
      `History: run ${runKey(record)} recorded on branch "${ref.branch}" (${ledger.tests.size} tests, ${ledger.runs.length} runs kept; ${changes.size} of ${files.size} file(s) written, ${bytes} bytes${migrated}).`
    )
  }
  return outcome
}

/** The ledger to append to; an unreadable one is replaced (with a warning) rather than blocking history. */
async function loadForWrite(deps: HistoryDeps, ref: LedgerRef): Promise<StoredLedger> {
  try {
    return await loadLedger(deps.octokit, ref)
  } catch (e) {
    if (e instanceof UnreadableLedger) {
      deps.log.warning(`${e.message}; starting a new ledger on branch "${ref.branch}".`)
      return { ledger: EMPTY_LEDGER, snapshot: e.snapshot, texts: new Map(), shards: 1, format: 'none' }
    }
    throw e
  }
}

class UnreadableLedger extends Error {
  constructor(
    message: string,
    readonly snapshot: BranchSnapshot
  ) {
    super(message)
  }
}

async function loadLedger(octokit: Octokit, ref: LedgerRef): Promise<StoredLedger> {
  const snapshot = await readSnapshot(octokit, ref)
  const runsSha = snapshot.blobs.get(RUNS_FILE)
  const legacySha = snapshot.blobs.get(LEGACY_LEDGER_FILE)
  const texts = new Map<string, string>()
  const read = async (path: string, sha: string | undefined) => {
    if (sha === undefined) throw new UnreadableLedger(`history file ${path} is missing`, snapshot)
    const text = await readBlob(octokit, ref, sha)
    texts.set(path, text)
    return text
  }
  const decoded = <T>(fn: () => T): T => {
    try {
      return fn()
    } catch (e) {
      throw new UnreadableLedger(errorMessage(e), snapshot)
    }
  }
  if (runsSha !== undefined) {
    const runsText = await read(RUNS_FILE, runsSha)
    const { shards, runs } = decoded(() => decodeRunsFile(runsText))
    const paths = Array.from({ length: shards }, (_, i) => shardFile(i, shards))
    // Each shard is decoded as it arrives, while the others are still downloading.
    const windows = await Promise.all(
      paths.map(async (p) => {
        const text = await read(p, snapshot.blobs.get(p))
        return decoded(() => decodeShard(text, p, runs))
      })
    )
    return { ledger: ledgerOf(runs, windows.flat()), snapshot, texts, shards, format: 'current' }
  }
  if (legacySha !== undefined) {
    const text = await read(LEGACY_LEDGER_FILE, legacySha)
    const ledger = decoded(() => migrateLegacy(decodeLedger(text)))
    return { ledger, snapshot, texts, shards: 1, format: 'legacy' }
  }
  return { ledger: EMPTY_LEDGER, snapshot, texts, shards: 1, format: 'none' }
}

function commitMessage(r: RunRecord): string {
  return `pyramid history: run ${runKey(r)} at ${r.sha.slice(0, 7)} [skip ci]`
}
