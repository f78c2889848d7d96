import { describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { watchCancellation } from '../../src/app/cancellation.js'
import type { TierLifecycle } from '../../src/app/tier-lifecycle.js'
import { recordingLog } from '../fakes/log.js'

function lifecycle(calls: string[], name: string): TierLifecycle {
  return {
    setup: async () => ({ env: {}, phases: [], notes: [], facts: {} }),
    teardown: async () => ({ phases: [], notes: [], facts: {} }),
    cancel: async () => void calls.push(name)
  }
}

describe('watchCancellation', () => {
  it('aborts and cancels every lifecycle once on the first signal, and later ones at once', async () => {
    const source = new EventEmitter()
    const c = watchCancellation(recordingLog(), source as unknown as NodeJS.Process)
    const calls: string[] = []
    c.register(lifecycle(calls, 'integration'))
    expect(c.signal.aborted).toBe(false)
    source.emit('SIGINT', 'SIGINT')
    source.emit('SIGTERM', 'SIGTERM')
    c.register(lifecycle(calls, 'e2e'))
    await c.settled()
    expect(c.signal.aborted).toBe(true)
    expect(calls).toEqual(['integration', 'e2e'])
    c.dispose()
    expect(source.listenerCount('SIGINT')).toBe(0)
  })
})
