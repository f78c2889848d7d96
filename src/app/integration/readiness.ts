/**
 * Waits until LocalStack is ready: every expected service `running` (or, for a lazily loading LocalStack,
 * `available`), its READY stage run and no init script in ERROR. Polls fast (every 100 ms, each request
 * bounded) so readiness is noticed well within 500 ms of LocalStack answering, and — when the action
 * started the container — watches it at the same time, so a container that exits stops the wait at once
 * instead of at timeout.
 */
import { errorMessage } from '../../core/error-message.js'
import type { ExpandedServices } from '../../core/localstack/service-names.js'
import type { Clock, ContainerState, DockerCli, HealthClient, LocalStackHealth, Log } from '../ports.js'
import { judgeHealth, type ReadyWhen } from './health-verdict.js'
import {
  FAILED_SCRIPT_LINE,
  failedScriptsInLog,
  initScriptFailure,
  judgeInitScripts
} from './init-scripts.js'

export const POLL_INTERVAL_MS = 100
export const REQUEST_TIMEOUT_MS = 1000
export const CONTAINER_WATCH_MS = 500

export type Readiness =
  /** `lazy`: expected services that were `available` (not loaded yet) when LocalStack was ready. */
  | { kind: 'ready'; health: LocalStackHealth; lazy: string[] }
  /** Something other than LocalStack answers (only when accepted: localstack external). */
  | { kind: 'reachable'; how: 'http' | 'tcp'; status?: number }
  | { kind: 'failed'; reason: string }
  /** The container stopped (undefined: it no longer exists). */
  | { kind: 'exited'; state: ContainerState | undefined }
  /** What was last seen: which services were not ready, or that nothing answered. */
  | { kind: 'timeout'; lastSeen: string }
  | { kind: 'cancelled' }

export interface ReadinessDeps {
  health: HealthClient
  clock: Clock
  log: Log
  docker?: DockerCli
}

export interface ReadinessOptions {
  endpoint: string
  services: ExpandedServices
  readyWhen: ReadyWhen
  timeoutMs: number
  /** Accept an endpoint that answers but is not LocalStack (localstack: external). */
  acceptOtherServer: boolean
  /** The container the action started, to watch while waiting. */
  container?: string
  signal: AbortSignal
}

export async function waitForLocalStack(deps: ReadinessDeps, opts: ReadinessOptions): Promise<Readiness> {
  const done = new AbortController()
  const signal = AbortSignal.any([opts.signal, done.signal])
  const contenders = [pollHealth(deps, opts, signal)]
  if (opts.container && deps.docker)
    contenders.push(watchContainer(deps, deps.docker, opts.container, signal))
  try {
    return await Promise.race(contenders)
  } finally {
    done.abort()
    await Promise.all(contenders)
  }
}

async function pollHealth(
  deps: ReadinessDeps,
  opts: ReadinessOptions,
  signal: AbortSignal
): Promise<Readiness> {
  const deadline = deps.clock.now() + opts.timeoutMs
  let lastSeen = 'nothing answered yet'
  for (;;) {
    if (signal.aborted) return { kind: 'cancelled' }
    const budget = Math.max(50, Math.min(REQUEST_TIMEOUT_MS, deadline - deps.clock.now()))
    const probe = await deps.health.probe(opts.endpoint, budget, signal)
    if (signal.aborted) return { kind: 'cancelled' }
    if (probe.kind === 'localstack') {
      const verdict = judgeHealth(probe.health, opts.services, opts.readyWhen, opts.endpoint)
      if (verdict.kind === 'failed') return verdict
      if (verdict.kind === 'ready') {
        const init = await initScripts(deps, opts, budget, signal)
        if (init === 'done') return { kind: 'ready', health: probe.health, lazy: verdict.lazy }
        if (typeof init !== 'string') return init
        lastSeen = init
      } else {
        lastSeen = 'services not ready: ' + verdict.pending.map((p) => `${p.service} (${p.state})`).join(', ')
      }
    } else if (probe.kind === 'down') {
      lastSeen = `nothing answered at ${opts.endpoint} (${probe.reason})`
    } else if (opts.acceptOtherServer) {
      return {
        kind: 'reachable',
        how: probe.kind,
        ...(probe.kind === 'http' ? { status: probe.status } : {})
      }
    } else {
      lastSeen = `${opts.endpoint} answered, but not as LocalStack (no /_localstack/health)`
    }
    if (deps.clock.now() >= deadline) return { kind: 'timeout', lastSeen }
    await deps.clock.sleep(POLL_INTERVAL_MS, signal)
  }
}

/** 'done' once the READY stage ran without a failed script; a failure; otherwise what is still pending. */
async function initScripts(
  deps: ReadinessDeps,
  opts: ReadinessOptions,
  timeoutMs: number,
  signal: AbortSignal
): Promise<'done' | string | { kind: 'failed'; reason: string }> {
  let verdict
  try {
    verdict = judgeInitScripts(await deps.health.initScripts(opts.endpoint, timeoutMs, signal))
  } catch (err) {
    return `/_localstack/init did not answer (${errorMessage(err)})`
  }
  if (verdict.kind === 'waiting') return verdict.why
  if (verdict.kind === 'failed') return verdict
  if (verdict.bootScripts.length === 0 || !opts.container || !deps.docker) return 'done'
  const lines = await deps.docker.logLinesMatching(opts.container, FAILED_SCRIPT_LINE)
  const failed = failedScriptsInLog(lines).filter((s) => s.stage === 'BOOT')
  return failed.length > 0 ? { kind: 'failed', reason: initScriptFailure(failed) } : 'done'
}

async function watchContainer(
  deps: ReadinessDeps,
  docker: DockerCli,
  name: string,
  signal: AbortSignal
): Promise<Readiness> {
  while (!signal.aborted) {
    await deps.clock.sleep(CONTAINER_WATCH_MS, signal)
    if (signal.aborted) break
    let state: ContainerState | undefined
    try {
      state = await docker.inspect(name, signal)
    } catch (err) {
      if (signal.aborted) break
      // Readiness still ends by health or timeout; only the early exit detection is lost.
      deps.log.warning(`could not watch the LocalStack container ${name}: ${errorMessage(err)}`)
      await untilAborted(signal)
      break
    }
    if (!state || (!state.running && state.status !== 'created' && state.status !== 'restarting')) {
      return { kind: 'exited', state }
    }
  }
  return { kind: 'cancelled' }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })
}
