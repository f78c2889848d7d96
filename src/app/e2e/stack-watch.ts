/**
 * While the deploy runs, polls DescribeStacks by name so each StackId is recorded (to state) as soon as
 * the stack exists; from then on every call goes by StackId. A stack counts as ours when it carries this
 * run's tags or was created after the deploy started (it did not exist at the pre-deploy check).
 */
import { errorMessage } from '../../core/error-message.js'
import { isOwnedByRun } from '../../core/stacks/tags.js'
import { isThrottling, type Clock, type CloudFormationApi, type Log } from '../ports.js'

export const WATCH_INTERVAL_MS = 1000

export interface StackWatch {
  /** Stops polling after one last pass; resolves when it has stopped. */
  stop(): Promise<void>
}

export function watchStackIds(
  deps: { cfn: CloudFormationApi; clock: Clock; log: Log },
  names: readonly string[],
  opts: {
    owner: { repository: string; runId: string }
    startedAt: number
    onId: (name: string, id: string) => void
  }
): StackWatch {
  const found = new Set<string>()
  const stopper = new AbortController()
  const pass = async (signal?: AbortSignal) => {
    for (const name of names) {
      if (found.has(name)) continue
      const s = await deps.cfn.describeStack(name, signal)
      if (!s) continue
      const ours =
        isOwnedByRun(s.tags, opts.owner.repository, opts.owner.runId) ||
        (s.createdAt ?? 0) >= opts.startedAt - 5000
      if (!ours) continue
      found.add(name)
      opts.onId(name, s.id)
    }
  }
  const loop = (async () => {
    while (!stopper.signal.aborted && found.size < names.length) {
      let delay = WATCH_INTERVAL_MS
      try {
        await pass(stopper.signal)
      } catch (err) {
        if (stopper.signal.aborted) break
        if (!isThrottling(err)) deps.log.debug(`Stack id poll failed (will retry): ${errorMessage(err)}`)
        delay = WATCH_INTERVAL_MS * 2
      }
      await deps.clock.sleep(delay, stopper.signal)
    }
  })()
  return {
    async stop() {
      stopper.abort()
      await loop
      if (found.size < names.length) await pass()
    }
  }
}
