/** An Octokit for the run's token, created lazily (the GitHub client is not loaded when unused). */
import type { Octokit } from '../../adapters/github/octokit.js'
import type { Runtime } from '../runtime.js'

export async function githubClient(rt: Runtime): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github')
  const baseUrl = rt.env.GITHUB_API_URL
  return getOctokit(rt.inputs.githubToken, baseUrl ? { baseUrl } : {})
}
