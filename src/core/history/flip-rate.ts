/**
 * Flip rate, and an exponentially weighted moving average of it, after E. Kowalczyk, K. Nair, Z. Gao,
 * L. Silberstein, T. Long and A. Memon, "Modeling and ranking flaky tests at Apple" (ICSE-SEIP 2020).
 *
 * In our words: the flip rate of a test is how often its verdict changes from one execution to the next,
 * the pass→fail and fail→pass changes divided by the number of consecutive pairs. Unlike the failure
 * rate it tells a test that broke once and stayed broken (one change: low) from one that alternates
 * (many changes: high) at the same number of failures. The paper computes it per period of time and
 * aggregates the periods with weights that decay exponentially with age, so the score follows a test
 * that becomes, or stops being, flaky, while still remembering its past. The paper reports that ranking
 * tests by such scores agreed closely with engineers' own judgement of which tests were flaky.
 *
 * Here a period is FLIP_PERIOD_RUNS consecutive ledger runs, a period k periods old weighs
 * (1 - FLIP_DECAY)^k, and the average is over the periods that have at least one pair of executions.
 * A flaky run (failed, then passed on a retry) contributes a failed and then a passed verdict. Pure.
 */
export const FLIP_PERIOD_RUNS = 10
export const FLIP_DECAY = 0.3

export interface Verdict {
  failed: boolean
  /** Periods before the newest (0 = the newest FLIP_PERIOD_RUNS runs). */
  age: number
}

/** Changes of verdict / consecutive pairs; 0 with fewer than two verdicts. */
export function flipRate(verdicts: readonly Pick<Verdict, 'failed'>[]): number {
  if (verdicts.length < 2) return 0
  let flips = 0
  for (let i = 1; i < verdicts.length; i++) if (verdicts[i]!.failed !== verdicts[i - 1]!.failed) flips++
  return flips / (verdicts.length - 1)
}

/**
 * The decayed average of per-period flip rates over verdicts in time order. A pair belongs to the period
 * of its later verdict, so a change across a period boundary is counted once.
 */
export function ewmaFlipRate(verdicts: readonly Verdict[]): number {
  const pairs = new Map<number, { flips: number; pairs: number }>()
  for (let i = 1; i < verdicts.length; i++) {
    const v = verdicts[i]!
    const p = pairs.get(v.age) ?? { flips: 0, pairs: 0 }
    p.pairs++
    if (v.failed !== verdicts[i - 1]!.failed) p.flips++
    pairs.set(v.age, p)
  }
  let weighted = 0
  let weights = 0
  for (const [age, p] of pairs) {
    const w = (1 - FLIP_DECAY) ** age
    weighted += w * (p.flips / p.pairs)
    weights += w
  }
  return weights === 0 ? 0 : weighted / weights
}
