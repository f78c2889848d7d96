/** Clients and fakes for the GitHub adapter tests: a real Octokit pointed at the stand-in, a recording Log. */
import { getOctokit } from '@actions/github'
import type { Clock, Log } from '../../../src/app/ports.js'
import type { StandInUser } from './shapes.js'

export const ACTIONS_BOT: StandInUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
export const ALICE: StandInUser = { login: 'alice', id: 101, type: 'User' }
export const MALLORY: StandInUser = { login: 'mallory', id: 666, type: 'User' }

export function octokitFor(baseUrl: string, token: string) {
  return getOctokit(token, { baseUrl, request: { retries: 0 } })
}

export interface RecordingLog extends Log {
  lines: { level: string; message: string }[]
}

export function recordingLog(): RecordingLog {
  const lines: { level: string; message: string }[] = []
  const rec = (level: string) => (message: string) => void lines.push({ level, message })
  return {
    lines,
    info: rec('info'),
    debug: rec('debug'),
    warning: rec('warning'),
    error: rec('error'),
    mask: () => undefined,
    group: (_name, fn) => fn()
  }
}

/** Real time: these tests are about interleaving real HTTP requests of concurrent writers. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms))
}
