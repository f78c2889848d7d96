/**
 * `localstack-services`, read as LocalStack reads SERVICES: entries `name`, `name:port` or `name=port`, in
 * any case; kept as lower-case names without the port (LocalStack 4 serves everything on one port and
 * ignores it). When the action starts an image whose services are all in LocalStack's public source (a
 * community release, up to 4.14.0), every name is checked against them here, before anything runs, with
 * the closest name for a misspelling. Another image (latest, a calendar tag, localstack-pro) or an
 * external LocalStack may have services that source does not list: there the health check judges the
 * names once LocalStack answers, with the same suggestion.
 */
import { needsAuthToken } from '../core/localstack/image-policy.js'
import { AVAILABLE_SERVICES, CATALOG_SOURCE, SERVICE_COMPOSITES } from '../core/localstack/service-catalog.js'
import { communityNameProblems, serviceName } from '../core/localstack/service-names.js'
import { splitList, type InputChecks } from './input-checks.js'

const ENTRY = /^[A-Za-z][A-Za-z0-9-]*(?:[:=]\d{1,5})?$/

export function readLocalStackServices(c: InputChecks): string[] {
  const value = c.text('localstack-services')
  const entries = splitList(value)
  const malformed = entries.filter((e) => !ENTRY.test(e))
  if (malformed.length > 0) {
    c.problem(
      'localstack-services',
      value,
      `has ${malformed.map((e) => JSON.stringify(e)).join(', ')}, not a service name such as dynamodb (optionally with :port)`
    )
  }
  const names = [...new Set(entries.filter((e) => ENTRY.test(e)).map(serviceName))]
  if (names.length > 0 && checkedHere(c)) {
    const problems = communityNameProblems(names)
    if (problems.length > 0) {
      c.problem(
        'localstack-services',
        value,
        `has ${problems.join(', ')}, which ${c.text('localstack-image')} does not have. ` +
          `LocalStack ${CATALOG_SOURCE.tag.replace(/^v/, '')} has ${AVAILABLE_SERVICES.join(', ')}; ` +
          `composites: ${Object.keys(SERVICE_COMPOSITES).join(', ')}.`
      )
    }
  }
  return names
}

/** The action starts the image itself, and it is one whose services the catalog lists. */
function checkedHere(c: InputChecks): boolean {
  return c.text('localstack').toLowerCase() === 'auto' && !needsAuthToken(c.text('localstack-image'))
}
