/** Words and symbols for results, shared by the markdown and terminal renderers. Pure. */
import type { RunResult, TierResult } from '../results/run.js'

export const TIER_RESULT_ICON: Record<TierResult, string> = {
  passed: '✅',
  failed: '❌',
  skipped: '⏭️',
  cancelled: '🛑'
}

/** The verdict icon: a green run with flaky tests gets a warning sign, so the flakes are not missed. */
export function runIcon(result: RunResult, flaky: number): string {
  if (result === 'failure') return '❌'
  if (result === 'success') return flaky > 0 ? '⚠️' : '✅'
  return '⚠️'
}

export const RUN_RESULT_WORD: Record<RunResult, string> = {
  success: 'passed',
  failure: 'failed',
  skipped: 'skipped (no tier ran)',
  cancelled: 'cancelled'
}

/** The verdict in words: "passed", "passed with flaky tests", "failed"… */
export function runWord(result: RunResult, flaky: number): string {
  return result === 'success' && flaky > 0 ? 'passed with flaky tests' : RUN_RESULT_WORD[result]
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

/** "refs/heads/main" → "main", "refs/pull/12/merge" → "pull/12/merge", tags keep their name. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\//, '')
}
