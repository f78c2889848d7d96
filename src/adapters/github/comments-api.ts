/**
 * Issue comments through the REST API (plus one GraphQL query for identity and minimised state): thin
 * calls, no decisions. Every listing pages through all comments, 100 at a time.
 */
import type { Log } from '../../app/ports.js'
import { errorMessage } from '../../core/error-message.js'
import { httpStatus, type Octokit } from './octokit.js'

export interface IssueRef {
  owner: string
  repo: string
  issueNumber: number
}

export interface IssueComment {
  id: number
  nodeId: string
  body: string
  login: string
  userType: string
  createdAt: string
  url: string
}

/** The login GitHub shows as the author of comments made with the Actions token. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

type RestComment = {
  id: number
  node_id: string
  body?: string
  user: { login: string; type: string } | null
  created_at: string
  html_url: string
}

function toComment(c: RestComment): IssueComment {
  return {
    id: c.id,
    nodeId: c.node_id,
    body: c.body ?? '',
    login: c.user?.login ?? '',
    userType: c.user?.type ?? '',
    createdAt: c.created_at,
    url: c.html_url
  }
}

export async function listComments(octokit: Octokit, ref: IssueRef): Promise<IssueComment[]> {
  const all = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.issueNumber,
    per_page: 100
  })
  return all.map((c) => toComment(c as RestComment))
}

export async function getComment(
  octokit: Octokit,
  ref: IssueRef,
  id: number
): Promise<IssueComment | undefined> {
  try {
    const { data } = await octokit.rest.issues.getComment({
      owner: ref.owner,
      repo: ref.repo,
      comment_id: id
    })
    return toComment(data as RestComment)
  } catch (e) {
    if (httpStatus(e) === 404) return undefined
    throw e
  }
}

export async function createComment(octokit: Octokit, ref: IssueRef, body: string): Promise<IssueComment> {
  const { data } = await octokit.rest.issues.createComment({
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.issueNumber,
    body
  })
  return toComment(data as RestComment)
}

export async function updateComment(
  octokit: Octokit,
  ref: IssueRef,
  id: number,
  body: string
): Promise<IssueComment> {
  const { data } = await octokit.rest.issues.updateComment({
    owner: ref.owner,
    repo: ref.repo,
    comment_id: id,
    body
  })
  return toComment(data as RestComment)
}

/** Deletes; a comment already gone counts as deleted. */
export async function deleteComment(octokit: Octokit, ref: IssueRef, id: number): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: id })
  } catch (e) {
    if (httpStatus(e) !== 404) throw e
  }
}

/**
 * The token's own login. GraphQL `viewer` answers for every kind of token (personal, the Actions token
 * → "github-actions[bot]", an app installation → "<slug>[bot]"); REST `/user` refuses integration tokens
 * (403 "Resource not accessible by integration"), so it is only the fallback. When neither answers the
 * Actions bot is assumed, and the login of the first comment we create corrects it.
 */
export async function resolveIdentity(octokit: Octokit, log: Log): Promise<string> {
  try {
    const data = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    if (data.viewer.login) return data.viewer.login
  } catch (e) {
    log.debug(`GraphQL viewer query failed (${errorMessage(e)}); trying GET /user`)
  }
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (e) {
    log.debug(
      `GET /user failed (${errorMessage(e)}); assuming the token is the Actions token (${ACTIONS_BOT_LOGIN})`
    )
    return ACTIONS_BOT_LOGIN
  }
}

/** Same author: logins compared without the "[bot]" suffix GraphQL and REST disagree on; bots must be bots. */
export function isAuthoredBy(c: Pick<IssueComment, 'login' | 'userType'>, login: string): boolean {
  const bare = (l: string) => l.replace(/\[bot\]$/, '').toLowerCase()
  if (bare(c.login) !== bare(login)) return false
  return login.endsWith('[bot]') ? c.userType === 'Bot' : c.userType !== 'Bot'
}

/**
 * Ids of minimised ("hidden") comments among the given ones. REST does not say; GraphQL does. When the
 * query fails, none are treated as minimised (the sticky comment is then still found and reused).
 */
export async function minimisedIds(
  octokit: Octokit,
  log: Log,
  comments: readonly IssueComment[]
): Promise<Set<number>> {
  if (comments.length === 0) return new Set()
  try {
    const hidden = new Set<string>()
    for (let i = 0; i < comments.length; i += 100) {
      const data = await octokit.graphql<{ nodes: ({ id: string; isMinimized?: boolean } | null)[] }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { ... on IssueComment { id isMinimized } } }',
        { ids: comments.slice(i, i + 100).map((c) => c.nodeId) }
      )
      for (const n of data.nodes) if (n?.isMinimized) hidden.add(n.id)
    }
    return new Set(comments.filter((c) => hidden.has(c.nodeId)).map((c) => c.id))
  } catch (e) {
    log.debug(`could not read whether comments are minimised (${errorMessage(e)}); treating them as visible`)
    return new Set()
  }
}
