/** Clients for the GitHub adapter tests: a real Octokit pointed at the stand-in, and its users. */
import { getOctokit } from '@actions/github'
import type { StandInUser } from './shapes.js'

export const ACTIONS_BOT: StandInUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
export const ALICE: StandInUser = { login: 'alice', id: 101, type: 'User' }
export const MALLORY: StandInUser = { login: 'mallory', id: 666, type: 'User' }

export function octokitFor(baseUrl: string, token: string) {
  return getOctokit(token, { baseUrl, request: { retries: 0 } })
}
