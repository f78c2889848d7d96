/**
 * A virtual clock for the Clock port. Its time moves only when the code under test sleeps (by the time it
 * asked for) or the test advances it, so deadlines, backoffs and durations never depend on how fast or how
 * loaded the machine is. On the way, what was scheduled on it (a stand-in's timers, e.g. a delete that
 * takes 1.2 s) runs in time order. A sleep whose signal aborts ends at once, as the port requires.
 *
 * For work running side by side, where overlaps must be exact, event-clock.ts jumps time only when
 * everything waits.
 *
 * `yieldMs`: real milliseconds each sleep gives the event loop before it resolves, for code that polls
 * something really running (a process, a server) and must not spin through its deadline; 0 (the
 * default) resolves on the next turn of the event loop.
 */
import type { Clock } from '../../src/app/ports.js'

export interface VirtualClock extends Clock {
  /** Runs fn when the clock reaches now + ms. */
  schedule(ms: number, fn: () => void): void
  /** Moves time forward by ms, running what falls due. */
  advance(ms: number): void
}

export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1)

interface Due {
  at: number
  seq: number
  run: () => void
}

export function virtualClock(opts: { start?: number; yieldMs?: number } = {}): VirtualClock {
  const yieldMs = opts.yieldMs ?? 0
  let now = opts.start ?? VIRTUAL_EPOCH
  let seq = 0
  const queue: Due[] = []

  const enqueue = (due: Due) => {
    queue.push(due)
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
  }
  const moveTo = (target: number) => {
    while (queue.length > 0 && queue[0]!.at <= target) {
      const due = queue.shift()!
      now = Math.max(now, due.at)
      due.run()
    }
    now = Math.max(now, target)
  }
  const later = (resolve: () => void) => (yieldMs > 0 ? setTimeout(resolve, yieldMs) : setImmediate(resolve))

  return {
    now: () => now,
    schedule: (ms, fn) => enqueue({ at: now + Math.max(0, ms), seq: seq++, run: fn }),
    advance: (ms) => moveTo(now + Math.max(0, ms)),
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const wake: Due = { at: now + Math.max(0, ms), seq: seq++, run: () => done(false) }
        function done(aborted: boolean) {
          signal?.removeEventListener('abort', onAbort)
          const i = queue.indexOf(wake)
          if (i >= 0) queue.splice(i, 1)
          if (aborted) resolve()
          else later(resolve)
        }
        function onAbort() {
          done(true)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        enqueue(wake)
        // Time passes by sleeping: this sleep's own wait moves the clock to its end.
        moveTo(wake.at)
      })
    }
  }
}
