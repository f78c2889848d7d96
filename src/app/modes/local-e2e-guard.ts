/**
 * On a developer's machine without AWS credentials the e2e tier cannot deploy anything: it is skipped
 * with the reason, rather than failing on a missing account. (In CI a missing credential is a failure.)
 */
import type { TierLifecycle } from '../tier-lifecycle.js'

const CREDENTIAL_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI'
]

export function withoutAwsCredentials(env: Record<string, string | undefined>): TierLifecycle | undefined {
  if (CREDENTIAL_VARS.some((v) => env[v])) return undefined
  const reason =
    'needs AWS credentials to deploy an ephemeral stack: set AWS_PROFILE or AWS_ACCESS_KEY_ID (and aws-region), ' +
    'or let CI run it on the default branch'
  return {
    setup: async () => ({ env: {}, phases: [], notes: [], facts: {}, skippedReason: reason }),
    teardown: async () => ({ phases: [], notes: [], facts: {} }),
    cancel: async () => undefined
  }
}
