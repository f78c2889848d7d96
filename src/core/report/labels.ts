/** Words and symbols for results, shared by the markdown and terminal renderers. Pure. */
import type { RunResult, TierResult } from '../results/run.js'
import { thousands } from '../thousands.js'

/** How a result is shown: an emoji for markdown, a mark and an ANSI color for the terminal. */
export interface ResultLabel {
  icon: string
  mark: string
  color: string
}

export const TIER_RESULT_LABEL: Record<TierResult, ResultLabel> = {
  passed: { icon: '✅', mark: '✔', color: '32' },
  failed: { icon: '❌', mark: '✖', color: '31' },
  skipped: { icon: '⏭️', mark: '○', color: '2' },
  cancelled: { icon: '🛑', mark: '■', color: '33' }
}

/** A run's verdict as every report says it: a green run with flaky tests is a verdict of its own. */
export type Verdict = 'failure' | 'cancelled' | 'flaky' | 'success' | 'skipped'

export function runVerdict(result: RunResult, flaky: number): Verdict {
  return result === 'success' && flaky > 0 ? 'flaky' : result
}

export const VERDICT_LABEL: Record<Verdict, ResultLabel & { word: string }> = {
  failure: { ...TIER_RESULT_LABEL.failed, word: 'failed' },
  cancelled: { ...TIER_RESULT_LABEL.cancelled, word: 'cancelled' },
  flaky: { icon: '⚠️', mark: '⚠', color: '33', word: 'passed with flaky tests' },
  success: { ...TIER_RESULT_LABEL.passed, word: 'passed' },
  skipped: { ...TIER_RESULT_LABEL.skipped, word: 'skipped (no tier ran)' }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`
}

/** "refs/heads/main" → "main", "refs/pull/12/merge" → "pull/12/merge", tags keep their name. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\//, '')
}
