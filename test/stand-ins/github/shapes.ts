/** JSON shapes the stand-in answers with, filled the way GitHub fills them (checked by openapi-check). */
import { createRequire } from 'node:module'

export interface StandInUser {
  login: string
  id: number
  type: 'User' | 'Bot'
}

export interface StoredComment {
  id: number
  issue: number
  body: string
  user: StandInUser
  createdAt: string
  updatedAt: string
  minimized: boolean
}

export function simpleUser(base: string, u: StandInUser) {
  const api = `${base}/users/${encodeURIComponent(u.login)}`
  return {
    login: u.login,
    id: u.id,
    node_id: `U_${u.id}`,
    avatar_url: `${base}/avatars/${u.id}`,
    gravatar_id: '',
    url: api,
    html_url: `${base}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    site_admin: false
  }
}

export function publicUser(base: string, u: StandInUser) {
  return {
    ...simpleUser(base, u),
    name: u.login,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z'
  }
}

export function commentJson(base: string, repo: string, c: StoredComment) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${base}/repos/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.test/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${repo}/issues/${c.issue}`,
    body: c.body,
    user: simpleUser(base, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: 'NONE'
  }
}

export function gitRef(base: string, repo: string, ref: string, sha: string) {
  return {
    ref,
    node_id: `REF_${sha.slice(0, 8)}`,
    url: `${base}/repos/${repo}/git/${ref}`,
    object: { type: 'commit', sha, url: `${base}/repos/${repo}/git/commits/${sha}` }
  }
}

export function gitCommit(
  base: string,
  repo: string,
  sha: string,
  c: { tree: string; parents: string[]; message: string }
) {
  const who = {
    name: 'github-actions[bot]',
    email: '41898282+github-actions[bot]@users.noreply.github.com',
    date: '2026-01-01T00:00:00Z'
  }
  return {
    sha,
    node_id: `C_${sha.slice(0, 8)}`,
    url: `${base}/repos/${repo}/git/commits/${sha}`,
    html_url: `https://github.test/${repo}/commit/${sha}`,
    author: who,
    committer: who,
    tree: { sha: c.tree, url: `${base}/repos/${repo}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${base}/repos/${repo}/git/commits/${p}`,
      html_url: `https://github.test/${repo}/commit/${p}`
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
  }
}

export function gitTree(
  base: string,
  repo: string,
  sha: string,
  entries: { path: string; sha: string; size: number }[]
) {
  return {
    sha,
    url: `${base}/repos/${repo}/git/trees/${sha}`,
    truncated: false,
    tree: entries.map((e) => ({
      path: e.path,
      mode: '100644',
      type: 'blob',
      sha: e.sha,
      size: e.size,
      url: `${base}/repos/${repo}/git/blobs/${e.sha}`
    }))
  }
}

export function blobJson(base: string, repo: string, sha: string, text: string) {
  return {
    sha,
    node_id: `B_${sha.slice(0, 8)}`,
    url: `${base}/repos/${repo}/git/blobs/${sha}`,
    size: Buffer.byteLength(text),
    content: Buffer.from(text, 'utf8')
      .toString('base64')
      .replace(/(.{60})/g, '$1\n'),
    encoding: 'base64'
  }
}

export function contentFile(
  base: string,
  repo: string,
  path: string,
  sha: string,
  text: string,
  branch: string
) {
  const url = `${base}/repos/${repo}/contents/${path}?ref=${branch}`
  const links = {
    self: url,
    git: `${base}/repos/${repo}/git/blobs/${sha}`,
    html: `https://github.test/${repo}/blob/${branch}/${path}`
  }
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').pop()!,
    path,
    content: Buffer.from(text, 'utf8')
      .toString('base64')
      .replace(/(.{60})/g, '$1\n'),
    sha,
    url,
    git_url: links.git,
    html_url: links.html,
    download_url: `https://raw.github.test/${repo}/${branch}/${path}`,
    _links: links
  }
}

/** A pull request in REST shape, from the webhook example payload (same object), set to our values. */
export function pullJson(
  repo: string,
  pr: {
    number: number
    headSha: string
    baseRepo: string
    headRepo: string
    headRef?: string
    state?: 'open' | 'closed'
  }
) {
  const require = createRequire(import.meta.url)
  const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string
    examples: { action: string; pull_request: Record<string, unknown> }[]
  }[]
  const opened = examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!
  const p = structuredClone(opened.pull_request) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  p['number'] = pr.number
  p['head']['sha'] = pr.headSha
  p['head']['repo']['full_name'] = pr.headRepo
  p['head']['repo']['owner']['login'] = pr.headRepo.split('/')[0]
  p['head']['ref'] = pr.headRef ?? p['head']['ref']
  p['head']['label'] = `${pr.headRepo.split('/')[0]}:${p['head']['ref']}`
  p['state'] = pr.state ?? 'open'
  p['base']['repo']['full_name'] = pr.baseRepo
  p['url'] = `https://api.github.test/repos/${repo}/pulls/${pr.number}`
  // Fields REST returns that the webhook payload leaves out.
  p['auto_merge'] ??= null
  p['merged'] ??= false
  p['mergeable'] ??= null
  p['mergeable_state'] ??= 'unknown'
  p['merged_by'] ??= null
  p['comments'] ??= 0
  p['review_comments'] ??= 0
  p['commits'] ??= 1
  p['additions'] ??= 1
  p['deletions'] ??= 0
  p['changed_files'] ??= 1
  p['maintainer_can_modify'] ??= false
  return p
}
