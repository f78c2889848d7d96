/**
 * The file a fork-PR run leaves for `mode: publish` (pyramid-comment.json). It comes from an untrusted
 * run (fork code can write anything there), so it is parsed strictly: exact fields, bounded sizes, and
 * the body is only ever posted as the content of one section of our own comment. Pure.
 */
import { COMMENT_LIMIT } from './fit.js'
import { assertSectionKey } from './sticky-body.js'

export const PUBLISH_FILE = 'pyramid-comment.json'
/** Upper bound for the file itself: a body at the limit, JSON-escaped, plus the small fields. */
export const PUBLISH_FILE_MAX_BYTES = 6 * COMMENT_LIMIT + 4096

export interface PublishRequest {
  version: 1
  /** owner/name of the base repository the PR belongs to. */
  repository: string
  prNumber: number
  headSha: string
  /** Section key in the sticky comment (job/tier id). */
  key: string
  /** Markdown of the section. */
  body: string
}

const FIELDS = ['version', 'repository', 'prNumber', 'headSha', 'key', 'body']
const REPO_RE = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/
const SHA_RE = /^[0-9a-f]{40}$/

export function serializePublishRequest(r: PublishRequest): string {
  return `${JSON.stringify(parsePublishRequestObject(r), null, 2)}\n`
}

export function parsePublishRequest(text: string): PublishRequest {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw refuse(`it is not JSON (${(e as Error).message})`)
  }
  return parsePublishRequestObject(data)
}

function parsePublishRequestObject(data: unknown): PublishRequest {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw refuse('it is not a JSON object')
  const o = data as Record<string, unknown>
  const extra = Object.keys(o).filter((k) => !FIELDS.includes(k))
  if (extra.length > 0)
    throw refuse(`unexpected field(s) ${extra.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}`)
  if (o['version'] !== 1) throw refuse('"version" must be 1')
  const { repository, prNumber, headSha, key, body } = o
  if (typeof repository !== 'string' || !REPO_RE.test(repository))
    throw refuse('"repository" must be owner/name')
  if (typeof prNumber !== 'number' || !Number.isSafeInteger(prNumber) || prNumber < 1) {
    throw refuse('"prNumber" must be a positive integer')
  }
  if (typeof headSha !== 'string' || !SHA_RE.test(headSha))
    throw refuse('"headSha" must be a 40-character hex commit id')
  if (typeof key !== 'string') throw refuse('"key" must be a string')
  try {
    assertSectionKey(key)
  } catch (e) {
    throw refuse((e as Error).message)
  }
  if (typeof body !== 'string' || body.length === 0 || body.length > COMMENT_LIMIT) {
    throw refuse(`"body" must be a non-empty string of at most ${COMMENT_LIMIT} characters`)
  }
  return { version: 1, repository, prNumber, headSha, key, body }
}

function refuse(why: string): Error {
  return new Error(
    `${PUBLISH_FILE} was refused: ${why}. The file comes from a fork run and is validated strictly; re-run the fork PR's workflow so that it writes a fresh file with this version of the action.`
  )
}
