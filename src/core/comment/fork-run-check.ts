/**
 * The trusted side's reading of pyramid-comment.json. The file comes from a pull request's run, which a
 * fork controls entirely (its workflow, its code, what it uploads), so it is read as a closed world:
 * exactly the fields of version 2, each typed and bounded, tiers and tests consistent with each other.
 * A file in the old format (version 1: a comment prepared as markdown) is explained, never posted. Pure.
 */
import { TIER_ORDER } from '../results/model.js'
import { checkForkCtrf } from './fork-ctrf-check.js'
import {
  FORK_DATA_FILE,
  FORK_DATA_VERSION,
  FORK_LIMITS,
  FORK_TIER_STATES,
  type ForkRunData,
  type ForkTierData
} from './fork-run-data.js'
import { amount, choice, FieldError, fields, flag, list, matching, whole } from './strict-fields.js'

const REPO_RE = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/
const SHA_RE = /^[0-9a-f]{40}$/
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
/** GitHub exit codes: POSIX 0–255, Windows NTSTATUS values up to 2^32. */
const EXIT_MIN = -(2 ** 31)
const EXIT_MAX = 2 ** 32
const L = FORK_LIMITS

export const OLD_FORMAT_MESSAGE = `${FORK_DATA_FILE} is in the old format (version 1: a comment the pull request's run prepared as markdown). This version of the action does not post it: a fork's run could put links, images or HTML of its choosing under this repository's name. Nothing was posted. The pull request's run must use this version of serverless-test-pyramid, which writes version 2 (test data that mode publish renders itself): push a commit or re-run that workflow after updating it.`

export function parseForkRunData(json: string): ForkRunData {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (e) {
    throw refuse(`it is not JSON (${(e as Error).message.slice(0, 200)})`)
  }
  if (typeof data === 'object' && data !== null && (data as { version?: unknown }).version === 1)
    throw new Error(OLD_FORMAT_MESSAGE)
  try {
    return checkForkRunData(data)
  } catch (e) {
    if (e instanceof FieldError) throw refuse(e.message)
    throw e
  }
}

function checkForkRunData(v: unknown): ForkRunData {
  const o = fields(v, '$', [
    'version',
    'repository',
    'prNumber',
    'headSha',
    'key',
    'failOnFlaky',
    'startedAt',
    'finishedAt',
    'tiers',
    'ctrf'
  ])
  whole(o.version, '$.version', FORK_DATA_VERSION, FORK_DATA_VERSION)
  matching(o.repository, '$.repository', REPO_RE, 'owner/name')
  whole(o.prNumber, '$.prNumber', 1, 2 ** 31)
  matching(o.headSha, '$.headSha', SHA_RE, 'a 40-character hex commit id')
  matching(o.key, '$.key', L.keyPattern, '1-60 characters of a-z, 0-9, _ and - (a job and tier name)')
  flag(o.failOnFlaky, '$.failOnFlaky')
  const started = timestamp(o.startedAt, '$.startedAt')
  const finished = timestamp(o.finishedAt, '$.finishedAt')
  if (finished < started || finished - started > L.durationMs)
    throw new FieldError('$.finishedAt', `must be after $.startedAt, by at most ${L.durationMs} ms`)
  const tiers = list(o.tiers, '$.tiers', TIER_ORDER.length, 1).map((t, i) => checkTier(t, `$.tiers[${i}]`))
  const seen = new Set<string>()
  tiers.forEach((t, i) => {
    if (seen.has(t.tier)) throw new FieldError(`$.tiers[${i}].tier`, `lists ${t.tier} a second time`)
    seen.add(t.tier)
  })
  const ctrf = checkForkCtrf(o.ctrf, '$.ctrf')
  ctrf.results.tests.forEach((t, i) => {
    const tier = tiers.find((x) => x.tier === t.type)
    if (tier === undefined || tier.state === 'skipped' || tier.state === 'setup-failed')
      throw new FieldError(
        `$.ctrf.results.tests[${i}].type`,
        `is ${t.type}, a tier the data does not list as run`
      )
  })
  return v as ForkRunData
}

function timestamp(v: unknown, path: string): number {
  const ms = Date.parse(matching(v, path, ISO_RE, 'a UTC time like 2026-01-31T12:00:00.000Z'))
  if (!Number.isFinite(ms)) throw new FieldError(path, 'is not a real date')
  return ms
}

function checkTier(v: unknown, path: string): ForkTierData {
  const t = fields(v, path, [
    'tier',
    'planned',
    'state',
    'teardownFailed',
    'attempts',
    'setupMs',
    'teardownMs',
    'runnerTime'
  ])
  choice(t.tier, `${path}.tier`, TIER_ORDER)
  const state = choice(t.state, `${path}.state`, FORK_TIER_STATES)
  if (!flag(t.planned, `${path}.planned`) && state !== 'skipped')
    throw new FieldError(`${path}.state`, `is ${state}, but the tier was not planned`)
  flag(t.teardownFailed, `${path}.teardownFailed`)
  const attempts = list(t.attempts, `${path}.attempts`, L.tierAttempts)
  attempts.forEach((a, i) => {
    const p = `${path}.attempts[${i}]`
    const o = fields(a, p, ['exitCode', 'durationMs', 'scope'])
    if (o.exitCode !== null) whole(o.exitCode, `${p}.exitCode`, EXIT_MIN, EXIT_MAX)
    amount(o.durationMs, `${p}.durationMs`, L.durationMs)
    choice(o.scope, `${p}.scope`, ['all', 'failed-only'])
  })
  if (state === 'ran' && attempts.length === 0)
    throw new FieldError(`${path}.attempts`, 'must list the command attempts of a tier that ran')
  if ((state === 'skipped' || state === 'setup-failed') && attempts.length > 0)
    throw new FieldError(`${path}.attempts`, `must be empty for a tier that is ${state}`)
  const preparedMs =
    amount(t.setupMs, `${path}.setupMs`, L.durationMs) +
    amount(t.teardownMs, `${path}.teardownMs`, L.durationMs)
  const jobs = list(t.runnerTime, `${path}.runnerTime`, L.runnerJobs)
  jobs.forEach((r, i) => {
    const p = `${path}.runnerTime[${i}]`
    const o = fields(r, p, ['wallMs', 'usdPerMinute'])
    amount(o.wallMs, `${p}.wallMs`, L.durationMs)
    amount(o.usdPerMinute, `${p}.usdPerMinute`, L.usdPerMinute)
  })
  // A skipped tier bills runner time only for what it prepared ahead of its turn (prepare: eager).
  if (state === 'skipped' && jobs.length > 0 && preparedMs === 0)
    throw new FieldError(
      `${path}.runnerTime`,
      'must be empty for a tier that was skipped and prepared nothing ahead of its turn'
    )
  return v as ForkTierData
}

function refuse(why: string): Error {
  return new Error(
    `${FORK_DATA_FILE} was refused: ${why}. The file comes from the pull request's run and is checked strictly; nothing was posted. A run of this version of the action always writes a file that passes: re-run the pull request's workflow, and report a bug if it still fails.`
  )
}
