/**
 * Why the account check (STS GetCallerIdentity) failed, said so that a user can act on it: which call at
 * which endpoint, and the next step for the two common causes — nothing answering at aws-endpoint-url,
 * and no credentials at all. Pure: it reads the error's name, code and message.
 */
import { errorMessage } from '../error-message.js'

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']

interface ErrorShape {
  name?: string
  code?: string
  errors?: ErrorShape[]
}

export function accountCheckFailure(err: unknown, where: { region: string; endpointUrl?: string }): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorShape
  const code = e.code ?? e.errors?.find((x) => x.code)?.code
  const raw = errorMessage(err) || code || 'no message'
  const call = where.endpointUrl
    ? `the account check (STS GetCallerIdentity) at aws-endpoint-url ${where.endpointUrl}`
    : `the account check (STS GetCallerIdentity) in ${where.region}`
  if (code && NETWORK_CODES.includes(code)) {
    return (
      `The e2e tier could not reach ${call}: ${raw}. ` +
      (where.endpointUrl
        ? 'Nothing answers there: start the emulator before this step, or fix aws-endpoint-url.'
        : "Check the runner's network access to AWS and the aws-region input.")
    )
  }
  if (e.name === 'CredentialsProviderError' || /Could not load credentials/i.test(raw)) {
    return (
      `The e2e tier has no AWS credentials for ${call} (${raw}). On GitHub, add ` +
      'aws-actions/configure-aws-credentials (role-to-assume) before this step and give the job ' +
      '`permissions: id-token: write`; against an emulator, set aws-endpoint-url and any credentials ' +
      '(e.g. AWS_ACCESS_KEY_ID=test and AWS_SECRET_ACCESS_KEY=test).'
    )
  }
  return `${call[0]!.toUpperCase()}${call.slice(1)} failed: ${raw}. Check the credentials and aws-region.`
}
