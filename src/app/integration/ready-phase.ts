/**
 * The `ready` setup phase: waits for LocalStack (readiness.ts) and turns the outcome into what the
 * report shows — the phase, LocalStack's version and edition, a note when only reachability could be
 * checked, and on failure a message that says what to do plus the tail of the container log.
 */
import type { LocalStackHealth } from '../../adapters/localstack/health-client.js'
import type { Inputs } from '../../inputs/types.js'
import type { TierSetup } from '../tier-lifecycle.js'
import { exitedMessage, timeoutMessage, type ContainerFacts } from './failure-messages.js'
import { waitForLocalStack, type Readiness, type ReadinessDeps } from './readiness.js'

export const LOG_TAIL_LINES = 50

export interface ReadyContext {
  deps: ReadinessDeps & { docker: NonNullable<ReadinessDeps['docker']> }
  cfg: Inputs['integration']
  endpoint: string
  /** Replaces secrets in any text that leaves the lifecycle. */
  redact: (text: string) => string
  signal: AbortSignal
}

export interface ReadyOptions {
  acceptOtherServer: boolean
  /** How LocalStack came to be there, for the report's facts. */
  how: string
  /** The container the action started. */
  container?: ContainerFacts
}

export async function awaitReadiness(
  ctx: ReadyContext,
  result: TierSetup,
  opts: ReadyOptions
): Promise<void> {
  const { deps, cfg, endpoint } = ctx
  const services = cfg.localstackServices
  deps.log.info(`Waiting for LocalStack at ${endpoint}${services.length ? ` (${services.join(', ')})` : ''}`)
  const started = deps.clock.now()
  const readiness = await waitForLocalStack(deps, {
    endpoint,
    services,
    timeoutMs: cfg.localstackTimeoutSeconds * 1000,
    acceptOtherServer: opts.acceptOtherServer,
    ...(opts.container ? { container: opts.container.name } : {}),
    signal: ctx.signal
  })
  const durationMs = deps.clock.now() - started
  const failure = failureOf(readiness, ctx, opts.container)
  result.phases.push({
    name: 'ready',
    kind: 'setup',
    durationMs,
    ok: failure === undefined,
    detail: detailOf(readiness, services)
  })
  result.facts.LocalStack = opts.how
  if (readiness.kind === 'ready') {
    Object.assign(result.facts, versionFacts(readiness.health))
    deps.log.info(`LocalStack ready after ${(durationMs / 1000).toFixed(1)} s`)
  } else if (readiness.kind === 'reachable') {
    result.facts.LocalStack = `external, not LocalStack (reachable over ${readiness.how.toUpperCase()})`
    result.notes.push({
      level: 'info',
      text:
        `${endpoint} answers but is not LocalStack (no /_localstack/health): only its ${readiness.how.toUpperCase()} ` +
        `reachability was checked, not the readiness of ${services.length ? services.join(', ') : 'any service'}.`
    })
  }
  if (failure === undefined) return
  result.failure = ctx.redact(failure)
  if (opts.container) {
    const log = await deps.docker.logsTail(opts.container.name, LOG_TAIL_LINES)
    result.notes.push({
      level: 'error',
      text: ctx.redact(
        `LocalStack container log (docker logs --tail ${LOG_TAIL_LINES} ${opts.container.name}):\n` +
          (log.length ? log.join('\n') : '(empty)')
      )
    })
  }
}

function failureOf(r: Readiness, ctx: ReadyContext, container?: ContainerFacts): string | undefined {
  switch (r.kind) {
    case 'ready':
    case 'reachable':
      return undefined
    case 'failed':
      return r.reason
    case 'exited':
      return exitedMessage(
        r.state,
        container ?? { name: '(unnamed)', image: ctx.cfg.localstackImage, tokenGiven: false }
      )
    case 'timeout':
      return timeoutMessage(ctx.endpoint, ctx.cfg.localstackTimeoutSeconds, r.lastSeen, container)
    case 'cancelled':
      return `cancelled while waiting for LocalStack at ${ctx.endpoint}`
  }
}

function detailOf(r: Readiness, services: readonly string[]): string {
  if (r.kind === 'ready') return services.length ? `${services.join(', ')} ready` : 'LocalStack answers'
  if (r.kind === 'reachable') return `reachable over ${r.how.toUpperCase()} (not LocalStack)`
  return r.kind
}

function versionFacts(h: LocalStackHealth): Record<string, string> {
  return {
    ...(h.version ? { 'LocalStack version': h.version } : {}),
    ...(h.edition ? { 'LocalStack edition': h.edition } : {})
  }
}
