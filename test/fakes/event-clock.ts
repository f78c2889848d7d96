/**
 * A discrete-event clock: time stands still while anything can still run, and jumps to the earliest
 * sleeper only when everything is waiting on the clock. Durations and overlaps are then exact (a 40 s
 * sleep takes 40 000 ms of virtual time and no real time), whatever the machine's load. For work that
 * runs side by side (the pipelined engine). For one sequence of work polling real processes or
 * stand-ins, where time moves by each sleep and a test advances it, see clock.ts.
 */
import type { Clock } from '../../src/app/ports.js'

export interface EventClock extends Clock {
  /** Drives time until `work` settles; rejects if everything waits and nobody sleeps (a deadlock). */
  run<T>(work: Promise<T>): Promise<T>
}

interface Sleeper {
  at: number
  seq: number
  wake: () => void
}

const idle = () => new Promise<void>((resolve) => setImmediate(resolve))

export function eventClock(start = Date.UTC(2026, 0, 1)): EventClock {
  let now = start
  let seq = 0
  const sleepers: Sleeper[] = []
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve()
        const sleeper: Sleeper = { at: now + Math.max(0, ms), seq: seq++, wake: resolve }
        sleepers.push(sleeper)
        signal?.addEventListener(
          'abort',
          () => {
            const i = sleepers.indexOf(sleeper)
            if (i >= 0) sleepers.splice(i, 1)
            resolve()
          },
          { once: true }
        )
      }),
    async run<T>(work: Promise<T>): Promise<T> {
      let settled = false
      const done = work.finally(() => {
        settled = true
      })
      for (;;) {
        await idle()
        await idle()
        if (settled) return done
        sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq)
        const next = sleepers.shift()
        if (!next) throw new Error('virtual clock: everything waits and nothing sleeps')
        now = Math.max(now, next.at)
        next.wake()
      }
    }
  }
}
