/**
 * Reads one LocalStack health answer against the services expected (the requested ones, expanded): all
 * ready, still waiting (which ones, in which state), or a failure that waiting will not fix (a service in
 * `error`, a disabled one, or a name this LocalStack does not know — usually a typo). States are those of
 * services/plugins.py ServiceState at v4.14.0: `available` means "enabled, loads on its first request",
 * `running` means loaded.
 */
import type { LocalStackHealth } from '../ports.js'
import { didYouMean } from '../../core/closest-name.js'
import { describeService, type ExpandedServices } from '../../core/localstack/service-names.js'

/**
 * `running`: LocalStack was started with EAGER_SERVICE_LOADING, so a service that is merely `available`
 * has not loaded yet. `available`: a lazily loading LocalStack, where `available` is as ready as it gets
 * before the tests' first request.
 */
export type ReadyWhen = 'running' | 'available'

export type HealthVerdict =
  | { kind: 'ready'; lazy: string[] }
  | { kind: 'waiting'; pending: { service: string; state: string }[] }
  | { kind: 'failed'; reason: string }

export function judgeHealth(
  health: LocalStackHealth,
  expected: ExpandedServices,
  readyWhen: ReadyWhen,
  endpoint: string
): HealthVerdict {
  const { services, origin } = expected
  const state = (s: string) => health.services[s] ?? 'unknown'
  const named = (list: string[]) => list.map((s) => describeService(s, origin)).join(', ')
  const known = Object.keys(health.services).sort()
  const unknown = services.filter((s) => !(s in health.services))
  if (unknown.length > 0) {
    const listed = unknown.map((s) => `"${describeService(s, origin)}"${didYouMean(s, known)}`).join(', ')
    return {
      kind: 'failed',
      reason:
        `localstack-services names ${listed}, which the LocalStack at ${endpoint} does not know ` +
        `(${describe(health)}). Fix the name in localstack-services. Known services: ${known.join(', ')}.`
    }
  }
  const broken = services.filter((s) => state(s) === 'error')
  if (broken.length > 0) {
    return {
      kind: 'failed',
      reason:
        `LocalStack service ${named(broken)} is in state "error" at ${endpoint}: it failed to start. ` +
        `The container log below says why; check the service's LocalStack settings, or remove it from localstack-services.`
    }
  }
  const disabled = services.filter((s) => state(s) === 'disabled')
  if (disabled.length > 0) {
    return {
      kind: 'failed',
      reason:
        `LocalStack service ${named(disabled)} is disabled at ${endpoint}: that LocalStack was started without it. ` +
        `Start it with SERVICES including ${disabled.join(',')}, or let the action start LocalStack (localstack: auto on a free port).`
    }
  }
  const ok = (s: string) => state(s) === 'running' || (readyWhen === 'available' && state(s) === 'available')
  const pending = services.filter((s) => !ok(s)).map((service) => ({ service, state: state(service) }))
  if (pending.length > 0) return { kind: 'waiting', pending }
  return { kind: 'ready', lazy: services.filter((s) => state(s) === 'available') }
}

function describe(health: LocalStackHealth): string {
  return `LocalStack ${health.version ?? '(version not reported)'} ${health.edition ?? ''}`.trim()
}
