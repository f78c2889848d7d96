/**
 * The Octokit for the run's token: created on first use (the GitHub client is not even loaded when no
 * comment or history is written) and then shared by the history read, the comment and the history write.
 */
import type { Octokit } from '../../adapters/github/octokit.js'
import type { Runtime } from '../runtime.js'

const clients = new WeakMap<Runtime, Promise<Octokit>>()

export function githubClient(rt: Runtime): Promise<Octokit> {
  let client = clients.get(rt)
  if (!client) {
    client = import('@actions/github').then(({ getOctokit }) => {
      const baseUrl = rt.env.GITHUB_API_URL
      return getOctokit(rt.inputs.githubToken, baseUrl ? { baseUrl } : {})
    })
    clients.set(rt, client)
  }
  return client
}
