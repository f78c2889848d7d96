/**
 * The history ledger on an orphan branch, through the contents API (no git checkout). Reads degrade to
 * "no history" and writes to a warning on any failure: history never fails a run.
 *
 * Writes are optimistic: read (content + blob sha) → merge our record into what is there → PUT with that
 * sha. A 409/422 means someone wrote in between: re-read, merge again, retry with jitter. Because every
 * retry merges into the latest file, no writer's record is lost. A missing branch is created as an
 * orphan (tree → parentless commit → ref); losing that race (422 "already exists") is another retry.
 */
import type { Clock, Log } from '../../app/ports.js'
import { decodeLedger, encodeLedger, LEDGER_MAX_RUNS } from '../../core/history/ledger-codec.js'
import { mergeHistories, runKey, type History, type RunRecord } from '../../core/history/record.js'
import { errorMessage } from '../../core/error-message.js'
import { httpStatus, type Octokit } from './octokit.js'

export const LEDGER_PATH = 'pyramid-ledger.json'

export interface HistoryDeps {
  octokit: Octokit
  log: Log
  clock: Clock
  random?: () => number
  /** Write attempts before giving up (default 6). */
  maxAttempts?: number
}

export interface LedgerRef {
  owner: string
  repo: string
  branch: string
}

interface LedgerFile {
  text: string
  sha: string
}

export async function readHistory(deps: HistoryDeps, ref: LedgerRef): Promise<History | undefined> {
  try {
    const file = await getLedger(deps.octokit, ref)
    if (!file) {
      deps.log.info(
        `No history yet: ${LEDGER_PATH} is not on branch "${ref.branch}" (it is written by default-branch runs).`
      )
      return undefined
    }
    const history = decodeLedger(file.text)
    deps.log.info(
      `History: ${history.runs.length} earlier run(s) from branch "${ref.branch}" (${file.text.length} bytes).`
    )
    return history
  } catch (e) {
    deps.log.warning(
      `History is not available, so flakiness across runs and trends are left out: reading ${LEDGER_PATH} from branch "${ref.branch}" failed (${errorMessage(e)}). Check that the token may read contents, or set history: off.`
    )
    return undefined
  }
}

export async function appendHistory(deps: HistoryDeps, ref: LedgerRef, record: RunRecord): Promise<void> {
  const maxAttempts = deps.maxAttempts ?? 6
  const random = deps.random ?? Math.random
  try {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (await tryAppend(deps, ref, record)) return
      await deps.clock.sleep(Math.round(250 * 2 ** (attempt - 1) * (0.5 + random())))
    }
    deps.log.warning(
      `History was not updated: ${maxAttempts} writes of ${LEDGER_PATH} on branch "${ref.branch}" lost a race with other writers. This run's record is only in its report; the next run writes its own.`
    )
  } catch (e) {
    deps.log.warning(
      `History was not updated: writing ${LEDGER_PATH} on branch "${ref.branch}" failed (${errorMessage(e)}). Give the job "contents: write" permission, or set history: off.`
    )
  }
}

/** One read-merge-write. False when another writer won the race (retry); throws on other errors. */
async function tryAppend(deps: HistoryDeps, ref: LedgerRef, record: RunRecord): Promise<boolean> {
  const file = await getLedger(deps.octokit, ref)
  let base: History = { runs: [] }
  if (file) {
    try {
      base = decodeLedger(file.text)
    } catch (e) {
      deps.log.warning(`${errorMessage(e)}; starting a new ledger on branch "${ref.branch}".`)
    }
  } else if (!(await branchExists(deps.octokit, ref))) {
    return createOrphanBranch(deps, ref, encodeLedger({ runs: [record] }), record)
  }
  const text = encodeLedger(mergeHistories(base, { runs: [record] }, LEDGER_MAX_RUNS))
  try {
    await deps.octokit.rest.repos.createOrUpdateFileContents({
      owner: ref.owner,
      repo: ref.repo,
      path: LEDGER_PATH,
      branch: ref.branch,
      message: commitMessage(record),
      content: Buffer.from(text, 'utf8').toString('base64'),
      ...(file ? { sha: file.sha } : {})
    })
    deps.log.info(`History: run ${runKey(record)} recorded on branch "${ref.branch}" (${text.length} bytes).`)
    return true
  } catch (e) {
    const status = httpStatus(e)
    if (status === 409 || status === 422) {
      deps.log.debug(`history write conflict (HTTP ${status}); re-reading and merging`)
      return false
    }
    throw e
  }
}

async function getLedger(octokit: Octokit, ref: LedgerRef): Promise<LedgerFile | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner: ref.owner,
      repo: ref.repo,
      path: LEDGER_PATH,
      ref: ref.branch
    })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new Error(`${LEDGER_PATH} on branch "${ref.branch}" is not a file`)
    }
    if (data.encoding !== 'base64')
      throw new Error(`${LEDGER_PATH} is over 1 MB, which the contents API does not return inline`)
    return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha }
  } catch (e) {
    if (httpStatus(e) === 404) return undefined
    throw e
  }
}

async function branchExists(octokit: Octokit, ref: LedgerRef): Promise<boolean> {
  try {
    await octokit.rest.git.getRef({ owner: ref.owner, repo: ref.repo, ref: `heads/${ref.branch}` })
    return true
  } catch (e) {
    if (httpStatus(e) === 404) return false
    throw e
  }
}

async function createOrphanBranch(
  deps: HistoryDeps,
  ref: LedgerRef,
  text: string,
  record: RunRecord
): Promise<boolean> {
  const { octokit } = deps
  const repo = { owner: ref.owner, repo: ref.repo }
  const tree = await octokit.rest.git.createTree({
    ...repo,
    tree: [{ path: LEDGER_PATH, mode: '100644', type: 'blob', content: text }]
  })
  const commit = await octokit.rest.git.createCommit({
    ...repo,
    message: commitMessage(record),
    tree: tree.data.sha,
    parents: []
  })
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${ref.branch}`, sha: commit.data.sha })
    deps.log.info(`History: created branch "${ref.branch}" with the first record (run ${runKey(record)}).`)
    return true
  } catch (e) {
    if (httpStatus(e) === 422 || httpStatus(e) === 409) return false // created by another writer meanwhile
    throw e
  }
}

function commitMessage(r: RunRecord): string {
  return `pyramid history: run ${runKey(r)} at ${r.sha.slice(0, 7)} [skip ci]`
}
