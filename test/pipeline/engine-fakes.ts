/**
 * Fakes for the engine over the event clock (test/fakes/event-clock.ts): a Shell whose commands take scripted virtual time and exit
 * codes, and lifecycles whose prepare / setup / teardown phases take scripted time and record what
 * happened when (so a test can assert the schedule, the overlap and that every prepared thing was torn
 * down).
 */
import type { Phase } from '../../src/core/results/run.js'
import type { PrepareScope } from '../../src/core/pipeline/preparation.js'
import type { Log, ResultsSource, Shell, Workspace } from '../../src/app/ports.js'
import type { TierLifecycle, TierPreparation } from '../../src/app/tier-lifecycle.js'
import type { TierDeps } from '../../src/app/tiers/run-tier.js'
import type { EventClock } from '../fakes/event-clock.js'

export const T0 = Date.UTC(2026, 0, 1)

export interface Happening {
  at: number
  what: string
}

export function recorder(clock: EventClock) {
  const events: Happening[] = []
  return {
    events,
    note: (what: string) => events.push({ at: clock.now() - T0, what }),
    /** The virtual time (ms since the start) of the first event matching. */
    at: (what: string) => events.find((e) => e.what === what)?.at
  }
}
export type Recorder = ReturnType<typeof recorder>

/** Commands that sleep for their scripted time and exit with their code (137 when aborted). */
export function scriptedShell(
  clock: EventClock,
  rec: Recorder,
  script: Record<string, { ms: number; exit?: number }>
): Shell {
  return {
    async run(command, opts) {
      const s = script[command]
      if (!s) throw new Error(`unscripted command ${command}`)
      const started = clock.now()
      rec.note(`start ${command}`)
      await clock.sleep(s.ms, opts.signal)
      const aborted = opts.signal?.aborted ?? false
      rec.note(`${aborted ? 'killed' : 'end'} ${command}`)
      return {
        exitCode: aborted ? null : (s.exit ?? 0),
        ...(aborted ? { signal: 'SIGTERM' } : {}),
        durationMs: clock.now() - started,
        tail: []
      }
    }
  }
}

const quietLog: Log = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  mask: () => undefined,
  group: (_name, fn) => fn()
}
const noReports: ResultsSource = { collect: async () => ({ reports: [], problems: [] }) }
const noFiles: Workspace = {
  freshDir: async () => undefined,
  packageScripts: async () => ({}),
  writeFile: async () => undefined,
  writeChunks: async () => undefined,
  readText: async () => undefined,
  fileSize: async () => 0,
  findFiles: async () => [],
  isDirectory: async () => true
}

export function engineDeps(clock: EventClock, shell: Shell): TierDeps {
  return { shell, clock, log: quietLog, results: noReports, workspace: noFiles }
}

export interface ScriptedPhase {
  name: string
  ms: number
  /** Only with prepare scope `full` (the deploy): a `free` preparation stops before it. */
  full?: boolean
  fails?: boolean
}

/**
 * A lifecycle with setup phases run in order (each once: by prepare as far as its scope goes, the rest
 * by setup) and one teardown phase, aborted phases included in what it reports.
 */
export function scriptedLifecycle(
  tier: string,
  clock: EventClock,
  rec: Recorder,
  script: { setup: ScriptedPhase[]; teardownMs: number; teardownFails?: boolean }
): TierLifecycle & { teardowns: number; cancels: number } {
  let next = 0
  let attempted = false
  const runPhases = async (upTo: (p: ScriptedPhase) => boolean, signal: AbortSignal) => {
    const out: TierPreparation = { phases: [], notes: [], facts: {} }
    attempted = true
    while (next < script.setup.length && upTo(script.setup[next]!)) {
      const p = script.setup[next++]!
      const startedAt = clock.now()
      rec.note(`${tier} ${p.name} start`)
      await clock.sleep(p.ms, signal)
      const ok = !signal.aborted && !p.fails
      rec.note(`${tier} ${p.name} ${signal.aborted ? 'stopped' : 'end'}`)
      const phase: Phase = { name: p.name, kind: 'setup', startedAt, durationMs: clock.now() - startedAt, ok }
      out.phases.push(phase)
      if (!ok) return { ...out, failure: `${p.name} ${signal.aborted ? 'stopped' : 'failed'}` }
    }
    return out
  }
  const self = {
    teardowns: 0,
    cancels: 0,
    prepare: (scope: PrepareScope, signal: AbortSignal) =>
      runPhases((p) => scope === 'full' || !p.full, signal),
    setup: async (signal: AbortSignal) => ({ env: {}, ...(await runPhases(() => true, signal)) }),
    teardown: async () => {
      self.teardowns++
      if (!attempted) return { phases: [], notes: [], facts: {} }
      const startedAt = clock.now()
      rec.note(`${tier} teardown start`)
      await clock.sleep(script.teardownMs)
      rec.note(`${tier} teardown end`)
      const phase: Phase = {
        name: 'teardown',
        kind: 'teardown',
        startedAt,
        durationMs: clock.now() - startedAt,
        ok: !script.teardownFails
      }
      return {
        phases: [phase],
        notes: [],
        facts: {},
        ...(script.teardownFails ? { failure: `${tier} teardown failed` } : {})
      }
    },
    cancel: async () => {
      self.cancels++
    }
  }
  return self
}
