/** The one Octokit type the GitHub adapters take (from @actions/github's getOctokit). */
import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

/** HTTP status of an Octokit RequestError, if the error is one. */
export function httpStatus(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}
