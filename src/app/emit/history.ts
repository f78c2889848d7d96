/**
 * The history ledger around a run: read before the summary is rendered (flakiness across runs, trends),
 * appended after it on the default branch. Any failure degrades to "no history" with a notice.
 */
import { analyseFlakiness } from '../../core/history/flakiness.js'
import { EMPTY_LEDGER } from '../../core/history/ledger.js'
import { toRunRecord, type RunRecord } from '../../core/history/record.js'
import { commentHistoryBlock, historySections } from '../../core/history/sections.js'
import type { Section } from '../../core/report/section.js'
import type { RunReport } from '../../core/results/report.js'
import { readEvent } from '../../core/tiers/event-trigger.js'
import type { LedgerRef, StoredLedger } from '../ports.js'
import type { Runtime } from '../runtime.js'

export interface LoadedHistory {
  sections: Section[]
  commentBlock: string
  /** This run as history records it. */
  record: RunRecord
  /** The ledger read (undefined: none yet, or unreadable), which the write builds on. */
  stored?: StoredLedger
}

function ledgerRef(rt: Runtime): LedgerRef {
  const [owner = '', repo = ''] = rt.context.repository.split('/')
  return { owner, repo, branch: rt.inputs.historyBranch }
}

export async function loadHistory(rt: Runtime, report: RunReport): Promise<LoadedHistory | undefined> {
  if (rt.inputs.history === 'off') return undefined
  if (!rt.inputs.githubToken) {
    rt.log.info('History is off for this run: no github-token.')
    return undefined
  }
  const stored = await (await rt.github()).readHistory(ledgerRef(rt))
  const record = toRunRecord(report)
  const insights = analyseFlakiness(stored?.ledger ?? EMPTY_LEDGER, record)
  return {
    sections: historySections(insights),
    commentBlock: commentHistoryBlock(insights),
    record,
    ...(stored ? { stored } : {})
  }
}

/**
 * Appends this run on the default branch only: pushes to it, dispatches on it, and schedules (which
 * GitHub always runs on the default branch). Pull requests read history, never write it.
 */
export async function saveHistory(rt: Runtime, loaded: LoadedHistory): Promise<void> {
  const event = readEvent(rt.context)
  const onDefaultBranch =
    event.isDefaultBranch && ['push', 'dispatch', 'schedule'].includes(event.trigger.kind)
  if (!onDefaultBranch) return
  await (await rt.github()).appendHistory(ledgerRef(rt), loaded.record, loaded.stored)
}
