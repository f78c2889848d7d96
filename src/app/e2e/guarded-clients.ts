/**
 * AWS clients for a mode that deletes stacks (cleanup, janitor), handed out only after the account guard
 * let the caller's account pass: STS GetCallerIdentity, then allowed-account-ids / forbidden-account-ids.
 */
import type { AwsClients, AwsClientsFactory } from '../ports.js'
import { checkAccount } from '../../core/stacks/account.js'

export interface GuardOptions {
  region: string
  endpointUrl?: string
  allowedAccountIds: readonly string[]
  forbiddenAccountIds: readonly string[]
  signal?: AbortSignal
}

/** The clients and the account id, or why the account is refused (`refusal` ends the first sentence). */
export async function guardedClients(
  aws: AwsClientsFactory,
  opts: GuardOptions,
  refusal: string
): Promise<{ clients: AwsClients; account: string } | { refused: string }> {
  const clients = await aws({
    region: opts.region,
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {})
  })
  const { account } = await clients.sts.callerIdentity(opts.signal)
  const verdict = checkAccount(account, opts.allowedAccountIds, opts.forbiddenAccountIds, refusal)
  return verdict.ok ? { clients, account } : { refused: verdict.reason ?? 'account refused' }
}
