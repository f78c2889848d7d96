/**
 * Turns the runner's cancellation (SIGINT, then SIGTERM 7.5 s later, then SIGKILL) into an AbortSignal
 * for the tier commands and an immediate `cancel()` of every live tier lifecycle (e.g. DeleteStack),
 * so what protects the user starts within the first second, long before the SIGKILL.
 */
import type { Log } from './ports.js'
import type { TierLifecycle } from './tier-lifecycle.js'
import { errorMessage } from '../core/error-message.js'

export interface Cancellation {
  signal: AbortSignal
  /** Lifecycles created so far are cancelled when a signal arrives; later ones at once. */
  register(lifecycle: TierLifecycle): void
  /** Resolves when every cancel() started by a signal has settled. */
  settled(): Promise<void>
  dispose(): void
}

type SignalSource = Pick<NodeJS.Process, 'on' | 'off'>

export function watchCancellation(log: Log, source: SignalSource = process): Cancellation {
  const controller = new AbortController()
  const lifecycles: TierLifecycle[] = []
  const pending: Promise<void>[] = []
  const cancelOne = (l: TierLifecycle) => {
    pending.push(
      l.cancel().catch((err: unknown) => log.error(`cancelling a tier failed: ${errorMessage(err)}`))
    )
  }
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      log.info(`${name} received again; still cleaning up`)
      return
    }
    log.warning(`${name} received: the run is cancelled. Stopping the tier command and starting cleanup.`)
    controller.abort(new Error(`cancelled by ${name}`))
    lifecycles.forEach(cancelOne)
  }
  source.on('SIGINT', onSignal)
  source.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    register(l) {
      lifecycles.push(l)
      if (controller.signal.aborted) cancelOne(l)
    },
    settled: async () => {
      await Promise.all(pending)
    },
    dispose() {
      source.off('SIGINT', onSignal)
      source.off('SIGTERM', onSignal)
    }
  }
}
