/**
 * A lifecycle whose preparation ran ahead of its turn, as the tier runner sees it: setup reports what the
 * preparation did followed by what the rest of setup did, and a preparation that failed or skipped the
 * tier ends it there, without running the rest.
 */
import type { TierLifecycle, TierPreparation, TierSetup } from './tier-lifecycle.js'

export function afterPreparation(lifecycle: TierLifecycle, prepared: TierPreparation): TierLifecycle {
  return {
    setup: async (signal): Promise<TierSetup> => {
      if (prepared.failure !== undefined || prepared.skippedReason !== undefined)
        return { env: {}, ...prepared }
      const rest = await lifecycle.setup(signal)
      return {
        ...rest,
        phases: [...prepared.phases, ...rest.phases],
        notes: [...prepared.notes, ...rest.notes],
        facts: { ...prepared.facts, ...rest.facts }
      }
    },
    teardown: () => lifecycle.teardown(),
    cancel: () => lifecycle.cancel()
  }
}
