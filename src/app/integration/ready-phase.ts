/**
 * The `ready` setup phase: waits for LocalStack (readiness.ts) and turns the outcome into what the
 * report shows — the phase (its time includes the services' load time when they load eagerly: setup,
 * not test time), LocalStack's version and edition, a note when services will load during the tests or
 * only reachability could be checked, and on failure a message that says what to do plus the tail of
 * the container log.
 */
import type { LocalStackHealth } from '../ports.js'
import type { Inputs } from '../../inputs/types.js'
import type { TierNote } from '../../core/results/run.js'
import type { TierPreparation } from '../tier-lifecycle.js'
import { exitedMessage, timeoutMessage, type ContainerFacts } from './failure-messages.js'
import type { ReadyWhen } from './health-verdict.js'
import type { LocalStackSettings } from './localstack-settings.js'
import { waitForLocalStack, type Readiness, type ReadinessDeps } from './readiness.js'

export const LOG_TAIL_LINES = 50

export interface ReadyContext {
  deps: ReadinessDeps & { docker: NonNullable<ReadinessDeps['docker']> }
  cfg: Inputs['integration']
  settings: LocalStackSettings
  endpoint: string
  /** Replaces secrets in any text that leaves the lifecycle. */
  redact: (text: string) => string
  signal: AbortSignal
}

export interface ReadyOptions {
  acceptOtherServer: boolean
  readyWhen: ReadyWhen
  /** How LocalStack came to be there, for the report's facts. */
  how: string
  /** The container the action started. */
  container?: ContainerFacts
}

export async function awaitReadiness(
  ctx: ReadyContext,
  result: TierPreparation,
  opts: ReadyOptions
): Promise<void> {
  const { deps, cfg, endpoint } = ctx
  const expected = ctx.settings.services
  const services = expected.services
  const requested = cfg.localstackServices
  deps.log.info(`Waiting for LocalStack at ${endpoint}${services.length ? ` (${services.join(', ')})` : ''}`)
  const started = deps.clock.now()
  const readiness = await waitForLocalStack(deps, {
    endpoint,
    services: expected,
    readyWhen: opts.readyWhen,
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
    startedAt: started,
    durationMs,
    ok: failure === undefined,
    detail: detailOf(readiness, services)
  })
  result.facts.LocalStack = opts.how
  if (services.length > 0) result.facts['LocalStack services'] = services.join(', ')
  if (readiness.kind === 'ready') {
    Object.assign(result.facts, versionFacts(readiness.health))
    result.notes.push(...readyNotes(readiness, ctx, opts))
    deps.log.info(`LocalStack ready after ${(durationMs / 1000).toFixed(1)} s`)
  } else if (readiness.kind === 'reachable') {
    result.facts.LocalStack = `external, not LocalStack (reachable over ${readiness.how.toUpperCase()})`
    result.notes.push({
      level: 'info',
      text:
        `${endpoint} answers but is not LocalStack (no /_localstack/health): only its ${readiness.how.toUpperCase()} ` +
        `reachability was checked, not the readiness of ${requested.length ? requested.join(', ') : 'any service'}.`
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
  if (r.kind === 'ready') {
    if (services.length === 0) return 'LocalStack answers'
    const loaded = services.filter((s) => !r.lazy.includes(s))
    return [
      loaded.length ? `${loaded.join(', ')} running` : '',
      r.lazy.length ? `${r.lazy.join(', ')} available (load on first request)` : ''
    ]
      .filter(Boolean)
      .join('; ')
  }
  if (r.kind === 'reachable') return `reachable over ${r.how.toUpperCase()} (not LocalStack)`
  return r.kind
}

/** What the report should say about a LocalStack that is ready: services that will load during the tests. */
function readyNotes(r: Readiness & { kind: 'ready' }, ctx: ReadyContext, opts: ReadyOptions): TierNote[] {
  const notes: TierNote[] = []
  const loadTime =
    'that load time (seconds for DynamoDB or Kinesis) counts as test time and can make a first test look flaky'
  if (opts.container && !ctx.settings.eager) {
    notes.push({
      level: 'info',
      text:
        `EAGER_SERVICE_LOADING=${ctx.settings.eagerValue} is set in this step's environment, so LocalStack loads each ` +
        `service on its first request: ${loadTime}. Leave it unset to load the services before the tests.`
    })
  } else if (r.lazy.length > 0) {
    notes.push({
      level: 'info',
      text:
        `${r.lazy.join(', ')} ${r.lazy.length === 1 ? 'was' : 'were'} "available" at ${ctx.endpoint}: that LocalStack loads ` +
        `a service on its first request, so ${loadTime}. Start it with EAGER_SERVICE_LOADING=1 to load them before the tests.`
    })
  }
  const broken = Object.entries(r.health.services).filter(([, state]) => state === 'error')
  if (ctx.settings.services.services.length === 0 && broken.length > 0) {
    notes.push({
      level: 'warning',
      text:
        `LocalStack service ${broken.map(([s]) => s).join(', ')} is in state "error" at ${ctx.endpoint}. ` +
        `No localstack-services were named, so the tests ran anyway; name the services they use to have them checked.`
    })
  }
  return notes
}

function versionFacts(h: LocalStackHealth): Record<string, string> {
  return {
    ...(h.version ? { 'LocalStack version': h.version } : {}),
    ...(h.edition ? { 'LocalStack edition': h.edition } : {})
  }
}
