/**
 * A GitHub REST stand-in on 127.0.0.1 (ephemeral port) for one repository: issue comments (paging with
 * Link headers, author checks, the 65,536-character limit), the contents API (sha conflicts), the Git
 * Data API (blobs, trees with base_tree and deletions, commits, refs: a ref update that is not a fast
 * forward is refused with 422 unless forced), pulls.get and pulls.list (state, head filters), the jobs of a run attempt (their labels), GET /user,
 * and the two GraphQL queries the adapters send (viewer, nodes → isMinimized). Every request body and
 * response body of a REST operation is checked against
 * GitHub's OpenAPI description; problems are collected in `problems` for the tests to assert on.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkRawMediaType, checkRequest, checkResponse, operation } from './openapi-check.js'
import {
  blobJson,
  commentJson,
  contentFile,
  gitCommit,
  gitRef,
  gitTree,
  publicUser,
  pullJson,
  type StandInUser,
  type StoredComment
} from './shapes.js'

export interface TokenInfo {
  user: StandInUser
  /** false: a read-only token (fork PR): every write is a 403. */
  canWrite: boolean
  /** false: a token without contents permission: every contents and git read is a 403 too. */
  canRead?: boolean
  /** false: GraphQL answers 403 for this token. */
  graphql?: boolean
  /** false: a token without `actions: read` (the jobs API answers 403). */
  actionsRead?: boolean
}

export interface StandInOptions {
  repository: string
  tokens: Record<string, TokenInfo>
  /** Issue / PR numbers that exist (head repository: this one unless given; head branch: feature). */
  pulls?: StandInPull[]
  /** Each request waits a random 0..latencyMs before it is handled (interleaves parallel writers). */
  latencyMs?: number
  /** Comment limit (GitHub: 65,536). Lower it to provoke a 422 on a body the client thought fitting. */
  maxCommentChars?: number
  /** The jobs of each run attempt (`<run_id>#<attempt>`); a token without `actions` read gets a 403. */
  jobs?: Record<string, StandInJob[]>
}

export interface StandInJob {
  name: string
  status: 'queued' | 'in_progress' | 'completed'
  runnerName: string | null
  labels: string[]
}

export interface StandInPull {
  number: number
  headSha: string
  headRepo?: string
  headRef?: string
  state?: 'open' | 'closed'
}

interface Tree {
  entries: Map<string, string>
}
interface Commit {
  tree: string
  parents: string[]
  message: string
}
type Handler = (m: RegExpMatchArray, req: Req) => [number, unknown, Record<string, string>?]
interface Req {
  token: TokenInfo
  /** The Accept header ("application/vnd.github.raw+json" asks for raw content where documented). */
  accept: string
  query: URLSearchParams
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

const OPS = {
  listComments: operation('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments'),
  createComment: operation('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments'),
  getComment: operation('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}'),
  updateComment: operation('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}'),
  deleteComment: operation('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}'),
  getContent: operation('GET', '/repos/{owner}/{repo}/contents/{path}'),
  putContent: operation('PUT', '/repos/{owner}/{repo}/contents/{path}'),
  getRef: operation('GET', '/repos/{owner}/{repo}/git/ref/{ref}'),
  createRef: operation('POST', '/repos/{owner}/{repo}/git/refs'),
  updateRef: operation('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}'),
  createBlob: operation('POST', '/repos/{owner}/{repo}/git/blobs'),
  getBlob: operation('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}'),
  createTree: operation('POST', '/repos/{owner}/{repo}/git/trees'),
  getTree: operation('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}'),
  createCommit: operation('POST', '/repos/{owner}/{repo}/git/commits'),
  getCommit: operation('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}'),
  getPull: operation('GET', '/repos/{owner}/{repo}/pulls/{pull_number}'),
  listPulls: operation('GET', '/repos/{owner}/{repo}/pulls'),
  listJobsForAttempt: operation(
    'GET',
    '/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs'
  ),
  getUser: operation('GET', '/user')
}

export class GitHubStandIn {
  readonly problems: string[] = []
  readonly requests: { method: string; path: string; status: number }[] = []
  readonly comments = new Map<number, StoredComment>()
  readonly refs = new Map<string, string>()
  readonly blobs = new Map<string, string>()
  readonly trees = new Map<string, Tree>()
  readonly commits = new Map<string, Commit>()
  private nextId = 1000
  private server?: http.Server
  url = ''

  constructor(private readonly opts: StandInOptions) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res))
    // Node closes idle keep-alive sockets after 5 s; a client in this process that was busy for longer
    // (on a loaded machine) would then reuse a socket that is being closed and see ECONNRESET.
    this.server.keepAliveTimeout = 120_000
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.url
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  /** A comment by someone, as if written through the UI. */
  seedComment(
    issue: number,
    user: StandInUser,
    body: string,
    createdAt = '2026-01-01T00:00:00Z'
  ): StoredComment {
    const c: StoredComment = {
      id: this.nextId++,
      issue,
      body,
      user,
      createdAt,
      updatedAt: createdAt,
      minimized: false
    }
    this.comments.set(c.id, c)
    return c
  }

  commentsOn(issue: number): StoredComment[] {
    return [...this.comments.values()].filter((c) => c.issue === issue).sort((a, b) => a.id - b.id)
  }

  /** A commit on the branch (created as an orphan when missing) that writes one file, as a push would. */
  seedFile(branch: string, path: string, text: string): void {
    const name = `refs/heads/${branch}`
    const head = this.refs.get(name)
    const entries = new Map(head ? this.trees.get(this.commits.get(head)!.tree)!.entries : [])
    entries.set(path, this.putBlob(text))
    const commit = this.putCommit({
      tree: this.putTree(entries),
      parents: head ? [head] : [],
      message: `seed ${path}`
    })
    this.refs.set(name, commit)
  }

  /** Text of a file on a branch, or undefined. */
  fileOn(branch: string, path: string): string | undefined {
    const sha = this.blobSha(branch, path)
    return sha === undefined ? undefined : this.blobs.get(sha)
  }

  private routes: [keyof typeof OPS, Handler][] = [
    ['listComments', (m, r) => this.listComments(Number(m[3]), r)],
    ['createComment', (m, r) => this.createComment(Number(m[3]), r)],
    ['getComment', (m) => this.withComment(Number(m[3]), (c) => [200, commentJson(this.url, this.repo, c)])],
    ['updateComment', (m, r) => this.withComment(Number(m[3]), (c) => this.updateComment(c, r))],
    ['deleteComment', (m, r) => this.withComment(Number(m[3]), (c) => this.deleteComment(c, r))],
    ['getContent', (m, r) => this.readable(r, () => this.getContent(decodeURIComponent(m[3]!), r))],
    ['putContent', (m, r) => this.putContent(decodeURIComponent(m[3]!), r)],
    ['getRef', (m, r) => this.readable(r, () => this.getRef(decodeURIComponent(m[3]!)))],
    ['createRef', (_m, r) => this.createRef(r)],
    ['updateRef', (m, r) => this.updateRef(decodeURIComponent(m[3]!), r)],
    ['createBlob', (_m, r) => this.createBlob(r)],
    ['getBlob', (m, r) => this.readable(r, () => this.getBlob(m[3]!, r))],
    ['createTree', (_m, r) => this.createTree(r)],
    ['getTree', (m, r) => this.readable(r, () => this.getTree(m[3]!))],
    ['createCommit', (_m, r) => this.createCommit(r)],
    ['getCommit', (m, r) => this.readable(r, () => this.getCommit(m[3]!))],
    ['getPull', (m) => this.getPull(Number(m[3]))],
    ['listPulls', (_m, r) => this.listPulls(r)],
    ['listJobsForAttempt', (m, r) => this.listJobs(m[3]!, Number(m[4]), r)],
    [
      'getUser',
      (_m, r) =>
        r.token.user.type === 'Bot' ? [403, notAccessible()] : [200, publicUser(this.url, r.token.user)]
    ]
  ]

  private get repo(): string {
    return this.opts.repository
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, Math.random() * this.opts.latencyMs!))
    const url = new URL(req.url ?? '/', this.url)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      this.requests.push({ method: req.method ?? '', path: url.pathname, status })
      const raw = body instanceof RawContent
      const type = raw ? 'application/vnd.github.raw' : 'application/json'
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, ...headers })
      res.end(raw ? body.text : status === 204 ? undefined : JSON.stringify(body))
    }
    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')
    const token = auth ? this.opts.tokens[auth[1]!] : undefined
    if (!token)
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.test' })
    const body = raw ? JSON.parse(raw) : undefined
    if (url.pathname === '/graphql') return send(...this.graphql(token, body))
    for (const [name, handler] of this.routes) {
      const op = OPS[name]
      const m = op.method === req.method ? url.pathname.match(op.pattern) : null
      if (!m) continue
      const [owner, repoName] = this.repo.split('/')
      if (name !== 'getUser' && (m[1] !== owner || m[2] !== repoName)) return send(404, notFound())
      if (body !== undefined) this.problems.push(...checkRequest(op, body))
      const accept = req.headers.accept ?? ''
      const [status, out, headers] = handler(m, { token, accept, query: url.searchParams, body })
      this.problems.push(
        ...(out instanceof RawContent ? checkRawMediaType(op) : checkResponse(op, status, out))
      )
      return send(status, out, headers)
    }
    this.problems.push(`not implemented: ${req.method} ${url.pathname}`)
    send(404, notFound())
  }

  private graphql(
    token: TokenInfo,
    body: { query: string; variables?: { ids?: string[] } }
  ): [number, unknown] {
    if (token.graphql === false) return [403, { message: 'Resource not accessible by integration' }]
    if (/viewer\s*\{\s*login/.test(body.query))
      return [200, { data: { viewer: { login: token.user.login } } }]
    if (/nodes\(ids:/.test(body.query)) {
      const byNode = new Map([...this.comments.values()].map((c) => [`IC_${c.id}`, c]))
      const nodes = (body.variables?.ids ?? []).map((id) => {
        const c = byNode.get(id)
        return c ? { id, isMinimized: c.minimized } : null
      })
      return [200, { data: { nodes } }]
    }
    this.problems.push(`graphql query not implemented: ${body.query}`)
    return [200, { errors: [{ message: 'not implemented in the stand-in' }] }]
  }

  private issueExists(n: number): boolean {
    return (this.opts.pulls ?? []).some((p) => p.number === n)
  }

  private listComments(issue: number, r: Req): [number, unknown, Record<string, string>?] {
    if (!this.issueExists(issue)) return [404, notFound()]
    const perPage = Math.min(100, Number(r.query.get('per_page') ?? 30))
    const page = Math.max(1, Number(r.query.get('page') ?? 1))
    const all = this.commentsOn(issue)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const items = all
      .slice((page - 1) * perPage, page * perPage)
      .map((c) => commentJson(this.url, this.repo, c))
    const link = (p: number) =>
      `<${this.url}/repos/${this.repo}/issues/${issue}/comments?per_page=${perPage}&page=${p}>`
    const rels: string[] = []
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) rels.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`)
    return [200, items, rels.length ? { link: rels.join(', ') } : {}]
  }

  private createComment(issue: number, r: Req): [number, unknown] {
    if (!this.issueExists(issue)) return [404, notFound()]
    if (!r.token.canWrite) return [403, notAccessible()]
    const tooLong = this.tooLong(r.body?.body)
    if (tooLong) return [422, tooLong]
    const now = isoSeconds()
    const c = this.seedComment(issue, r.token.user, r.body.body as string, now)
    return [201, commentJson(this.url, this.repo, c)]
  }

  private withComment(id: number, fn: (c: StoredComment) => [number, unknown]): [number, unknown] {
    const c = this.comments.get(id)
    return c ? fn(c) : [404, notFound()]
  }

  private updateComment(c: StoredComment, r: Req): [number, unknown] {
    if (!r.token.canWrite || c.user.login !== r.token.user.login) return [403, notAccessible()]
    const tooLong = this.tooLong(r.body?.body)
    if (tooLong) return [422, tooLong]
    c.body = r.body.body as string
    c.updatedAt = isoSeconds()
    return [200, commentJson(this.url, this.repo, c)]
  }

  private deleteComment(c: StoredComment, r: Req): [number, unknown] {
    if (!r.token.canWrite || c.user.login !== r.token.user.login) return [403, notAccessible()]
    this.comments.delete(c.id)
    return [204, undefined]
  }

  private tooLong(body: unknown) {
    const max = this.opts.maxCommentChars ?? 65_536
    if (typeof body === 'string' && [...body].length <= max) return undefined
    return {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${max} characters)`
        }
      ],
      documentation_url: 'https://docs.github.test/rest/issues/comments'
    }
  }

  private blobSha(branch: string, path: string): string | undefined {
    const head = this.refs.get(`refs/heads/${branch}`)
    return head ? this.trees.get(this.commits.get(head)!.tree)!.entries.get(path) : undefined
  }

  private getContent(path: string, r: Req): [number, unknown] {
    const branch = r.query.get('ref') ?? 'main'
    if (!this.refs.has(`refs/heads/${branch}`))
      return [404, { message: `No commit found for the ref ${branch}`, documentation_url: 'x' }]
    const sha = this.blobSha(branch, path)
    if (!sha) return [404, notFound()]
    return [200, contentFile(this.url, this.repo, path, sha, this.blobs.get(sha)!, branch)]
  }

  private putContent(path: string, r: Req): [number, unknown] {
    if (!r.token.canWrite) return [403, notAccessible()]
    const branch = r.body.branch as string
    const head = this.refs.get(`refs/heads/${branch}`)
    if (!head) return [404, { message: `Branch ${branch} not found`, documentation_url: 'x' }]
    const current = this.blobSha(branch, path)
    if (current && !r.body.sha) return [422, { message: '"sha" wasn\'t supplied.', documentation_url: 'x' }]
    if (current && r.body.sha !== current)
      return [409, { message: `${path} does not match ${r.body.sha}`, documentation_url: 'x' }]
    const text = Buffer.from(r.body.content as string, 'base64').toString('utf8')
    const blob = this.putBlob(text)
    const entries = new Map(this.trees.get(this.commits.get(head)!.tree)!.entries)
    entries.set(path, blob)
    const tree = this.putTree(entries)
    const commit = this.putCommit({ tree, parents: [head], message: r.body.message as string })
    this.refs.set(`refs/heads/${branch}`, commit)
    const file = contentFile(this.url, this.repo, path, blob, text, branch)
    const meta: Partial<typeof file> = { ...file }
    delete meta.content
    delete meta.encoding
    return [
      current ? 200 : 201,
      { content: meta, commit: gitCommit(this.url, this.repo, commit, this.commits.get(commit)!) }
    ]
  }

  private getRef(ref: string): [number, unknown] {
    const sha = this.refs.get(`refs/${ref}`)
    return sha ? [200, gitRef(this.url, this.repo, `refs/${ref}`, sha)] : [404, notFound()]
  }

  private createRef(r: Req): [number, unknown] {
    if (!r.token.canWrite) return [403, notAccessible()]
    const ref = r.body.ref as string
    if (this.refs.has(ref)) return [422, { message: 'Reference already exists', documentation_url: 'x' }]
    if (!this.commits.has(r.body.sha))
      return [422, { message: 'Object does not exist', documentation_url: 'x' }]
    this.refs.set(ref, r.body.sha as string)
    return [201, gitRef(this.url, this.repo, ref, r.body.sha as string)]
  }

  private createTree(r: Req): [number, unknown] {
    if (!r.token.canWrite) return [403, notAccessible()]
    const base = r.body.base_tree as string | undefined
    if (base !== undefined && !this.trees.has(base))
      return [422, { message: 'Invalid tree info', documentation_url: 'x' }]
    const entries = new Map(base ? this.trees.get(base)!.entries : [])
    for (const e of r.body.tree as { path: string; sha?: string | null; content?: string }[]) {
      if (e.content !== undefined && e.sha !== undefined)
        return [
          422,
          { message: 'Must supply either tree.sha or tree.content, not both', documentation_url: 'x' }
        ]
      if (e.content !== undefined) entries.set(e.path, this.putBlob(e.content))
      else if (e.sha === null) entries.delete(e.path)
      else if (e.sha !== undefined && this.blobs.has(e.sha)) entries.set(e.path, e.sha)
      else return [422, { message: `tree.sha ${e.sha} is not a valid blob`, documentation_url: 'x' }]
    }
    const sha = this.putTree(entries)
    return [201, gitTree(this.url, this.repo, sha, this.listed(entries))]
  }

  private getTree(sha: string): [number, unknown] {
    const tree = this.trees.get(sha)
    return tree ? [200, gitTree(this.url, this.repo, sha, this.listed(tree.entries))] : [404, notFound()]
  }

  private listed(entries: Map<string, string>) {
    return [...entries].map(([path, s]) => ({ path, sha: s, size: Buffer.byteLength(this.blobs.get(s)!) }))
  }

  private createBlob(r: Req): [number, unknown] {
    if (!r.token.canWrite) return [403, notAccessible()]
    const encoding = (r.body.encoding as string | undefined) ?? 'utf-8'
    if (encoding !== 'utf-8' && encoding !== 'base64')
      return [422, { message: `encoding ${encoding} is not supported`, documentation_url: 'x' }]
    const content = r.body.content as string
    const sha = this.putBlob(
      encoding === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : content
    )
    return [201, { sha, url: `${this.url}/repos/${this.repo}/git/blobs/${sha}` }]
  }

  private getBlob(sha: string, r: Req): [number, unknown] {
    const text = this.blobs.get(sha)
    if (text === undefined) return [404, notFound()]
    return [200, wantsRaw(r) ? new RawContent(text) : blobJson(this.url, this.repo, sha, text)]
  }

  private getCommit(sha: string): [number, unknown] {
    const c = this.commits.get(sha)
    return c ? [200, gitCommit(this.url, this.repo, sha, c)] : [404, notFound()]
  }

  /** Moves a branch: only forward (the new commit descends from the current one) unless forced. */
  private updateRef(ref: string, r: Req): [number, unknown] {
    if (!r.token.canWrite) return [403, notAccessible()]
    const name = `refs/${ref}`
    const current = this.refs.get(name)
    if (!current) return [422, { message: 'Reference does not exist', documentation_url: 'x' }]
    const sha = r.body.sha as string
    if (!this.commits.has(sha)) return [422, { message: 'Object does not exist', documentation_url: 'x' }]
    if (r.body.force !== true && !this.descends(sha, current))
      return [422, { message: 'Update is not a fast forward', documentation_url: 'x' }]
    this.refs.set(name, sha)
    return [200, gitRef(this.url, this.repo, name, sha)]
  }

  private descends(sha: string, ancestor: string): boolean {
    const seen = new Set<string>()
    const todo = [sha]
    while (todo.length > 0) {
      const s = todo.pop()!
      if (s === ancestor) return true
      if (seen.has(s)) continue
      seen.add(s)
      todo.push(...(this.commits.get(s)?.parents ?? []))
    }
    return false
  }

  private readable(r: Req, fn: () => [number, unknown]): [number, unknown] {
    return r.token.canRead === false ? [403, notAccessible()] : fn()
  }

  private createCommit(r: Req): [number, unknown] {
    if (!r.token.canWrite) return [403, notAccessible()]
    if (!this.trees.has(r.body.tree))
      return [422, { message: 'Tree SHA does not exist', documentation_url: 'x' }]
    const c = {
      tree: r.body.tree as string,
      parents: (r.body.parents ?? []) as string[],
      message: r.body.message as string
    }
    const sha = this.putCommit(c)
    return [201, gitCommit(this.url, this.repo, sha, c)]
  }

  private getPull(n: number): [number, unknown] {
    const pr = (this.opts.pulls ?? []).find((p) => p.number === n)
    if (!pr) return [404, notFound()]
    return [200, this.pullBody(pr)]
  }

  private pullBody(pr: StandInPull) {
    return pullJson(this.repo, {
      number: pr.number,
      headSha: pr.headSha,
      baseRepo: this.repo,
      headRepo: pr.headRepo ?? this.repo,
      headRef: pr.headRef ?? 'feature',
      state: pr.state ?? 'open'
    })
  }

  /** The jobs of a run attempt, one page (GitHub pages by 30, up to 100). */
  private listJobs(runId: string, attempt: number, r: Req): [number, unknown] {
    if (r.token.actionsRead === false) return [403, notAccessible()]
    const jobs = (this.opts.jobs?.[`${runId}#${attempt}`] ?? []).map((j, i) => ({
      id: i + 1,
      node_id: `J_${i + 1}`,
      run_id: Number(runId),
      run_url: `${this.url}/repos/${this.repo}/actions/runs/${runId}`,
      run_attempt: attempt,
      head_sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      workflow_name: 'ci',
      head_branch: 'main',
      name: j.name,
      url: `${this.url}/repos/${this.repo}/actions/jobs/${i + 1}`,
      html_url: `https://github.test/${this.repo}/actions/runs/${runId}/job/${i + 1}`,
      status: j.status,
      conclusion: j.status === 'completed' ? 'success' : null,
      created_at: '2026-12-01T10:00:00Z',
      started_at: '2026-12-01T10:00:05Z',
      completed_at: j.status === 'completed' ? '2026-12-01T10:05:00Z' : null,
      check_run_url: `${this.url}/repos/${this.repo}/check-runs/${i + 1}`,
      labels: j.labels,
      runner_id: j.runnerName === null ? null : i + 100,
      runner_name: j.runnerName,
      runner_group_id: j.runnerName === null ? null : 1,
      runner_group_name: j.runnerName === null ? null : 'GitHub Actions',
      steps: []
    }))
    return [200, { total_count: jobs.length, jobs }]
  }

  /** GET /pulls with GitHub's `state` and `head` (user:ref-name) filters, 100 at most (one page). */
  private listPulls(r: Req): [number, unknown] {
    const state = r.query.get('state') ?? 'open'
    const head = r.query.get('head')
    if (head !== null && !/^[^:]+:.+$/.test(head))
      this.problems.push(`pulls.list: head=${head} is not user:ref`)
    const matches = (this.opts.pulls ?? []).filter((p) => {
      const repo = p.headRepo ?? this.repo
      return (
        (state === 'all' || (p.state ?? 'open') === state) &&
        (head === null || head === `${repo.split('/')[0]}:${p.headRef ?? 'feature'}`)
      )
    })
    return [200, matches.map((p) => this.pullBody(p))]
  }

  private putBlob(text: string): string {
    const sha = sha1(`blob ${text}`)
    this.blobs.set(sha, text)
    return sha
  }
  private putTree(entries: Map<string, string>): string {
    const sha = sha1(`tree ${JSON.stringify([...entries].sort())}`)
    this.trees.set(sha, { entries })
    return sha
  }
  private putCommit(c: Commit): string {
    const sha = sha1(`commit ${JSON.stringify(c)} ${this.nextId++}`)
    this.commits.set(sha, c)
    return sha
  }
}

/** A raw media-type body (the file's bytes, not JSON). */
class RawContent {
  constructor(readonly text: string) {}
}

/** `application/vnd.github.raw+json`, or the older `application/vnd.github.v3.raw` Octokit sends. */
function wantsRaw(r: Req): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(r.accept)
}

function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex')
}
function isoSeconds(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z')
}
function notFound() {
  return { message: 'Not Found', documentation_url: 'https://docs.github.test/rest' }
}
function notAccessible() {
  return {
    message: 'Resource not accessible by integration',
    documentation_url: 'https://docs.github.test/rest'
  }
}
