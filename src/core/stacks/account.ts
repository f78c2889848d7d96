/** The account guard (allowed-account-ids / forbidden-account-ids) and the masked account. Pure. */

export interface AccountVerdict {
  ok: boolean
  /** Why the account is refused: what failed, why, what to do. */
  reason?: string
}

export function checkAccount(
  account: string,
  allowed: readonly string[],
  forbidden: readonly string[],
  refusal = 'the e2e tier refuses to deploy there'
): AccountVerdict {
  const masked = maskAccount(account)
  if (forbidden.includes(account)) {
    return {
      ok: false,
      reason:
        `AWS account ${masked} is listed in forbidden-account-ids: ${refusal}. ` +
        'Use credentials for a test account, or remove it from forbidden-account-ids.'
    }
  }
  if (allowed.length > 0 && !allowed.includes(account)) {
    return {
      ok: false,
      reason:
        `AWS account ${masked} is not in allowed-account-ids (${allowed.map(maskAccount).join(', ')}): ` +
        `${refusal}. Use credentials for an allowed account, or add it to allowed-account-ids.`
    }
  }
  return { ok: true }
}

/** "123456789012" → "********9012". */
export function maskAccount(account: string): string {
  if (account.length <= 4) return '*'.repeat(account.length)
  return '*'.repeat(account.length - 4) + account.slice(-4)
}
