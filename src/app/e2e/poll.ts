/**
 * Polling that notices a state change within a few seconds and survives Throttling: the interval
 * starts short, grows to a cap well under 3 s, and backs off (still under the cap) when throttled.
 */

export const POLL_FIRST_MS = 250
export const POLL_MAX_MS = 2000
export const THROTTLED_MAX_MS = 1500

export class Backoff {
  private interval = POLL_FIRST_MS

  constructor(private readonly random: () => number = Math.random) {}

  /** The delay before the next poll after a normal answer. */
  next(): number {
    const d = this.interval
    this.interval = Math.min(POLL_MAX_MS, Math.round(this.interval * 1.5))
    return d
  }

  /** The delay after a Throttling answer: longer, jittered, still within THROTTLED_MAX_MS. */
  throttled(): number {
    this.interval = POLL_MAX_MS
    return Math.round(500 + this.random() * (THROTTLED_MAX_MS - 500))
  }
}
