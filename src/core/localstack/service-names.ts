/**
 * LocalStack's rules for the names in SERVICES, applied on our side so that what we pass to the
 * container, what the inputs accept and what the health check expects are one derivation. From
 * localstack-core/localstack/utils/bootstrap.py at v4.14.0:
 * - an entry is `name`, `name:port` or `name=port`; LocalStack keeps the name and ignores the port
 *   (`re.split(r"[:=]", …)` in get_enabled_apis and get_preloaded_services);
 * - the names are lower case (the keys of /_localstack/health); we accept any case;
 * - a composite stands for its members and a service enables its dependencies (resolve_apis).
 * LocalStack itself resolves composites only for eager loading: get_enabled_apis filters SERVICES
 * against the available services BEFORE resolving, so with the default STRICT_SERVICE_LOADING
 * `SERVICES=serverless` enables nothing. We therefore pass the expanded list.
 */
import { didYouMean } from '../closest-name.js'
import { AVAILABLE_SERVICES, SERVICE_COMPOSITES, SERVICE_DEPENDENCIES } from './service-catalog.js'

/** The service name of one `localstack-services` entry: lower case, without a `:port` or `=port`. */
export function serviceName(entry: string): string {
  return (entry.trim().split(/[:=]/)[0] ?? '').trim().toLowerCase()
}

export interface ExpandedServices {
  /** Every service LocalStack enables for the request, sorted: named ones, composite members, dependencies. */
  services: string[]
  /** For each service, the requested name that brought it in (itself when it was named). */
  origin: Record<string, string>
}

/** What `resolve_apis` makes of the requested names (composites replaced by their members, dependencies added). */
export function expandServices(requested: readonly string[]): ExpandedServices {
  const origin: Record<string, string> = {}
  const stack = requested.map((name) => ({ name, from: name })).reverse()
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { name, from } = next
    if (name in origin) continue
    const members = SERVICE_COMPOSITES[name]
    if (members) {
      stack.push(...members.map((m) => ({ name: m, from })).reverse())
      continue
    }
    origin[name] = from
    stack.push(...(SERVICE_DEPENDENCIES[name] ?? []).map((d) => ({ name: d, from })).reverse())
  }
  return { services: Object.keys(origin).sort(), origin }
}

/** How a service came to be expected, for messages: `kinesis (for dynamodb)`, or just `dynamodb`. */
export function describeService(service: string, origin: Record<string, string>): string {
  const from = origin[service]
  return from && from !== service ? `${service} (for ${from})` : service
}

/** Names a user may write: the community image's services and the composites. */
const KNOWN_SERVICE_NAMES: readonly string[] = [
  ...AVAILABLE_SERVICES,
  ...Object.keys(SERVICE_COMPOSITES)
].sort()

/**
 * Problems with requested names against the community image's services, one phrase per bad name:
 * `"dynamdb" (did you mean "dynamodb"?)`, or for a composite whose members that image lacks,
 * `"cognito" (cognito-idp, cognito-identity: not in the community image)`.
 */
export function communityNameProblems(names: readonly string[]): string[] {
  const available = new Set(AVAILABLE_SERVICES)
  const problems: string[] = []
  for (const name of names) {
    if (available.has(name)) continue
    const members = SERVICE_COMPOSITES[name]
    if (!members) {
      problems.push(`"${name}"${didYouMean(name, KNOWN_SERVICE_NAMES)}`)
      continue
    }
    const missing = expandServices([name]).services.filter((s) => !available.has(s))
    if (missing.length > 0) problems.push(`"${name}" (${missing.join(', ')}: not in the community image)`)
  }
  return problems
}
