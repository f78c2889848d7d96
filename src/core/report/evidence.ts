/**
 * Why a test counts as flaky, in words: its attempt sequence and whether it failed then passed inside
 * one command run (the runner's own retries) or across the action's retries (`retries: N`). Pure.
 */
import type { Attempt, AttemptOutcome, TestCase } from '../results/model.js'

export type FlakeScope = 'runner' | 'action' | 'runner+action'

export interface FlakyEvidence {
  /** e.g. "✗ attempt 1 (run 1) → ✓ attempt 2 (run 2)" */
  sequence: string
  scope: FlakeScope
}

const MARK: Record<AttemptOutcome, string> = { passed: '✓', failed: '✗', skipped: '○' }
/** Longer sequences keep their first and last attempts and say how many were left out. */
const MAX_STEPS = 8
const KEEP_EACH_END = 3

export const FLAKE_SCOPE_LABEL: Record<FlakeScope, string> = {
  runner: "inside the runner's retries",
  action: "across the action's retries",
  'runner+action': "inside the runner's and across the action's retries"
}

export function attemptSequence(attempts: readonly Attempt[]): string {
  // A re-run restricted to the failed tests reports the others as skipped: not an execution, left out.
  const ran = attempts.some((a) => a.outcome !== 'skipped')
  const steps = attempts.flatMap((a, i) =>
    ran && a.outcome === 'skipped' ? [] : [`${MARK[a.outcome]} attempt ${i + 1} (run ${a.runAttempt})`]
  )
  if (steps.length <= MAX_STEPS) return steps.join(' → ')
  const hidden = steps.length - 2 * KEEP_EACH_END
  return [...steps.slice(0, KEEP_EACH_END), `… ${hidden} more …`, ...steps.slice(-KEEP_EACH_END)].join(' → ')
}

/**
 * Where the flake happened: a failure followed by a pass in the same action attempt is inside the
 * runner's retries; a failure in one action attempt and a pass in a later one is across the action's.
 */
export function flakeScope(attempts: readonly Attempt[]): FlakeScope {
  let runner = false
  let action = false
  attempts.forEach((a, i) => {
    if (a.outcome !== 'failed') return
    for (const later of attempts.slice(i + 1)) {
      if (later.outcome !== 'passed') continue
      if (later.runAttempt === a.runAttempt) runner = true
      else action = true
    }
  })
  if (runner && action) return 'runner+action'
  return action ? 'action' : 'runner'
}

export function flakyEvidence(t: Pick<TestCase, 'attempts'>): FlakyEvidence {
  return { sequence: attemptSequence(t.attempts), scope: flakeScope(t.attempts) }
}
