/**
 * Reads one LocalStack health answer against the services the user asked for: all ready, still
 * waiting (which ones, in which state), or a failure that waiting will not fix (a service in `error`,
 * a disabled service, or a name LocalStack does not know — usually a typo).
 */
import type { LocalStackHealth } from '../../adapters/localstack/health-client.js'
import { didYouMean } from '../../core/closest-name.js'

const READY = new Set(['available', 'running'])

export type HealthVerdict =
  | { kind: 'ready' }
  | { kind: 'waiting'; pending: { service: string; state: string }[] }
  | { kind: 'failed'; reason: string }

export function judgeHealth(
  health: LocalStackHealth,
  requested: readonly string[],
  endpoint: string
): HealthVerdict {
  const known = Object.keys(health.services).sort()
  const unknown = requested.filter((s) => !(s in health.services))
  if (unknown.length > 0) {
    const named = unknown.map((s) => `"${s}"${didYouMean(s, known)}`).join(', ')
    return {
      kind: 'failed',
      reason:
        `localstack-services names ${named}, which the LocalStack at ${endpoint} does not know ` +
        `(${describe(health)}). Fix the name in localstack-services. Known services: ${known.join(', ')}.`
    }
  }
  const broken = requested.filter((s) => health.services[s] === 'error')
  if (broken.length > 0) {
    return {
      kind: 'failed',
      reason:
        `LocalStack service ${broken.join(', ')} is in state "error" at ${endpoint}: it failed to start. ` +
        `The container log below says why; check the service's LocalStack settings, or remove it from localstack-services.`
    }
  }
  const disabled = requested.filter((s) => health.services[s] === 'disabled')
  if (disabled.length > 0) {
    return {
      kind: 'failed',
      reason:
        `LocalStack service ${disabled.join(', ')} is disabled at ${endpoint}: that LocalStack was started without it. ` +
        `Start it with SERVICES including ${disabled.join(',')}, or let the action start LocalStack (localstack: auto on a free port).`
    }
  }
  const pending = requested
    .filter((s) => !READY.has(health.services[s] ?? ''))
    .map((service) => ({ service, state: health.services[service] ?? 'unknown' }))
  return pending.length === 0 ? { kind: 'ready' } : { kind: 'waiting', pending }
}

function describe(health: LocalStackHealth): string {
  return `LocalStack ${health.version ?? '(version not reported)'} ${health.edition ?? ''}`.trim()
}
