/**
 * The history ledger around a run: read before the summary is rendered (flakiness across runs, trends),
 * appended after it on the default branch. Any failure degrades to "no history" with a notice.
 */
import { readHistory, appendHistory, type LedgerRef } from '../../adapters/github/history-store.js'
import { analyseFlakiness } from '../../core/history/flakiness.js'
import { toRunRecord } from '../../core/history/record.js'
import { commentHistoryBlock, historySections } from '../../core/history/sections.js'
import type { Section } from '../../core/report/section.js'
import type { RunReport } from '../../core/results/report.js'
import { readEvent } from '../../core/tiers/event-trigger.js'
import type { Runtime } from '../runtime.js'
import { githubClient } from './github-client.js'

export interface LoadedHistory {
  sections: Section[]
  commentBlock: string
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
  const octokit = await githubClient(rt)
  const history = (await readHistory({ octokit, log: rt.log, clock: rt.clock }, ledgerRef(rt))) ?? {
    runs: []
  }
  const insights = analyseFlakiness(history, toRunRecord(report))
  return { sections: historySections(insights, history), commentBlock: commentHistoryBlock(insights) }
}

/** Appends this run's record on the default branch only (pull requests read history, never write it). */
export async function saveHistory(rt: Runtime, report: RunReport): Promise<void> {
  const event = readEvent(rt.context)
  const onDefaultBranch =
    event.isDefaultBranch && ['push', 'dispatch', 'schedule'].includes(event.trigger.kind)
  if (!onDefaultBranch) return
  const octokit = await githubClient(rt)
  await appendHistory({ octokit, log: rt.log, clock: rt.clock }, ledgerRef(rt), toRunRecord(report))
}
