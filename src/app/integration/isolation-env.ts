/**
 * The environment of the integration command and of integration-setup-command (the README's "What a
 * tier command gets"): the endpoint
 * variables, `test`/`test` credentials, and nothing that could reach a real account — no session
 * token, profile, role, container credentials, or per-service endpoint pointing somewhere else.
 * A string sets the variable; undefined removes it.
 */
import { devNull } from 'node:os'

const ALWAYS_REMOVED = [
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE'
]
const REMOVED_PREFIXES = [
  'AWS_ENDPOINT_URL_',
  'AWS_CONTAINER_CREDENTIALS_',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN'
]

export const DEFAULT_REGION = 'us-east-1'

export function isolationEnv(
  baseEnv: Record<string, string | undefined>,
  endpoint: string,
  awsRegion?: string
): Record<string, string | undefined> {
  const region = awsRegion || baseEnv.AWS_REGION || baseEnv.AWS_DEFAULT_REGION || DEFAULT_REGION
  const env: Record<string, string | undefined> = {}
  for (const name of ALWAYS_REMOVED) env[name] = undefined
  for (const name of Object.keys(baseEnv)) {
    if (REMOVED_PREFIXES.some((p) => name.startsWith(p))) env[name] = undefined
  }
  const url = endpoint.replace(/\/+$/, '')
  Object.assign(env, {
    AWS_ENDPOINT_URL: url,
    AWS_ENDPOINT: url,
    LOCALSTACK_ENDPOINT: url,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    // the SDKs and the CLI would otherwise ask the instance metadata service for the runner's role
    AWS_EC2_METADATA_DISABLED: 'true',
    // Code that loads a named profile explicitly would still read ~/.aws: point it at an empty file.
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull
  })
  return env
}
