/**
 * The rules GitHub applies when it loads a caller and the reusable workflows it calls, before any job
 * starts. A run that breaks one fails at once ("startup failure"), whatever the jobs' `if:` say. Each rule
 * below is written from GitHub's documentation (sources named at each rule, in our own words); the tests
 * run them over every workflow file and every snippet of the READMEs, and show that each catches the
 * mistake it is about.
 */
import type { Job, Workflow, WorkflowFile } from './workflow-files.js'
import { events, expressions, refs } from './workflow-files.js'

export type Level = 'none' | 'read' | 'write'
export type Permissions = Record<string, Level>
/** The repository's (or organisation's) setting for the GITHUB_TOKEN when a workflow states none. */
export type TokenDefault = 'restricted' | 'permissive'

/**
 * The scopes of the GITHUB_TOKEN and their default access, from "GITHUB_TOKEN reference"
 * (docs.github.com/en/actions/reference/github_token-reference, table "Permissions for the GITHUB_TOKEN"):
 * permissive gives read/write on nearly every scope, restricted only reads contents and packages; neither
 * ever grants id-token (it has no read level: write or none), and metadata is always readable.
 */
export const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'metadata',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses'
] as const

const RANK: Record<Level, number> = { none: 0, read: 1, write: 2 }
/** Scopes that have no write level (models) or no read level (id-token). */
const HIGHEST: Partial<Record<string, Level>> = { models: 'read', metadata: 'read' }
const NO_READ = new Set(['id-token'])

export function tokenDefault(kind: TokenDefault): Permissions {
  const perms: Permissions = {}
  for (const scope of SCOPES) {
    if (kind === 'restricted')
      perms[scope] = ['contents', 'packages', 'metadata'].includes(scope) ? 'read' : 'none'
    else perms[scope] = scope === 'id-token' ? 'none' : (HIGHEST[scope] ?? 'write')
  }
  return perms
}

/**
 * A `permissions:` value applied on top of what the job would otherwise get. From "Assigning permissions
 * to jobs" / workflow syntax `permissions`: absent keeps what is inherited; `read-all` / `write-all` set
 * every scope; a map sets the scopes it names and every scope it does not name to none (metadata stays
 * readable); `{}` therefore removes everything.
 */
export function applyPermissions(spec: Job['permissions'], inherited: Permissions): Permissions {
  if (spec === undefined || spec === null) return inherited
  const perms: Permissions = {}
  for (const scope of SCOPES) {
    let level: Level
    if (spec === 'read-all') level = NO_READ.has(scope) ? 'none' : 'read'
    else if (spec === 'write-all') level = HIGHEST[scope] ?? 'write'
    else if (typeof spec === 'object') level = (spec[scope] as Level | undefined) ?? 'none'
    else level = 'none'
    perms[scope] = scope === 'metadata' ? 'read' : level
  }
  return perms
}

/** The scopes `requested` holds above `allowed`, in GitHub's words. */
function exceeding(jobId: string, requested: Permissions, allowed: Permissions): string[] {
  return SCOPES.filter((s) => RANK[requested[s] ?? 'none'] > RANK[allowed[s] ?? 'none']).map(
    (s) =>
      `The nested job '${jobId}' is requesting '${s}: ${requested[s]}', but is only allowed '${s}: ${allowed[s] ?? 'none'}'.`
  )
}

export interface LoadOptions {
  tokenDefault: TokenDefault
  /** Resolves a job's `uses:` to one of our reusable workflows (undefined: not ours, not checked). */
  resolve: (uses: string) => WorkflowFile | undefined
}

/** Every load-time problem of a workflow under the given token default (empty = it loads). */
export function loadProblems(f: WorkflowFile, opts: LoadOptions): string[] {
  const top = applyPermissions(f.doc.permissions, tokenDefault(opts.tokenDefault))
  return Object.entries(f.doc.jobs ?? {}).flatMap(([jobId, job]) => {
    if (job.uses === undefined) return []
    const called = opts.resolve(job.uses)
    if (called === undefined) return []
    const ceiling = applyPermissions(job.permissions, top)
    return [
      ...permissionProblems(called, ceiling, opts, 1).map((p) => `${f.path} jobs.${jobId}: ${p}`),
      ...secretProblems(job, called).map((p) => `${f.path} jobs.${jobId}: ${p}`)
    ]
  })
}

/**
 * Called-job permissions ⊆ the caller's. From "Reusing workflows" (docs.github.com/en/actions/reference/
 * workflows-and-actions/reusable-workflows, "Access and permissions for nested workflows" and
 * "Supported keywords for jobs that call a reusable workflow"): the token a caller hands on can only be
 * kept or narrowed by the called workflow, at every level of nesting (at most four levels). A called job
 * that states no permissions inherits the caller's; one that states some (itself or at its workflow's top
 * level) must not ask for more than the caller's job has, or the run does not start — the check is made
 * when the workflow loads, so a job's `if:` does not help.
 */
function permissionProblems(
  called: WorkflowFile,
  ceiling: Permissions,
  opts: LoadOptions,
  depth: number
): string[] {
  if (depth > 4) return [`${called.path}: reusable workflows nest at most four levels`]
  return Object.entries(called.doc.jobs ?? {}).flatMap(([jobId, job]) => {
    const stated = job.permissions ?? called.doc.permissions
    const own = applyPermissions(stated, ceiling)
    const problems = stated === undefined ? [] : exceeding(jobId, own, ceiling)
    const nested = job.uses === undefined ? undefined : opts.resolve(job.uses)
    if (nested === undefined) return problems
    return [...problems, ...permissionProblems(nested, narrower(own, ceiling), opts, depth + 1)]
  })
}

/** What a job can pass on: never more than it was allowed. */
function narrower(a: Permissions, b: Permissions): Permissions {
  return Object.fromEntries(SCOPES.map((s) => [s, RANK[a[s]!] <= RANK[b[s]!] ? a[s]! : b[s]!]))
}

function declaredSecrets(doc: Workflow): Record<string, { required?: boolean }> {
  const call = events(doc)['workflow_call'] as {
    secrets?: Record<string, { required?: boolean } | null>
  } | null
  return Object.fromEntries(Object.entries(call?.secrets ?? {}).map(([k, v]) => [k, v ?? {}]))
}

/**
 * Secrets declared vs passed. From "Reusing workflows" ("Using inputs and secrets in a reusable workflow",
 * "jobs.<job_id>.secrets"): a caller passes named secrets (`secrets: { NAME: ... }`) or all of its own
 * (`secrets: inherit`); a named secret the called workflow does not declare under
 * `on.workflow_call.secrets` is an error, and so is leaving out one it declares `required: true`. Inside
 * the called workflow only declared secrets (and GITHUB_TOKEN) exist, unless it was called with inherit.
 */
function secretProblems(job: Job, called: WorkflowFile): string[] {
  const declared = declaredSecrets(called.doc)
  const problems: string[] = []
  const passed = job.secrets
  if (passed !== 'inherit') {
    const given =
      passed !== undefined && passed !== null && typeof passed === 'object' ? Object.keys(passed) : []
    for (const name of given) {
      if (!(name in declared))
        problems.push(`Invalid secret, ${name} is not defined in the referenced workflow.`)
    }
    for (const [name, spec] of Object.entries(declared)) {
      if (spec.required === true && !given.includes(name)) {
        problems.push(`Secret ${name} is required, but not provided while calling.`)
      }
    }
  }
  const used = refs(expressions(called.doc.jobs), 'secrets').map((r) => r.name)
  for (const name of new Set(used)) {
    if (name !== 'GITHUB_TOKEN' && !(name in declared)) {
      problems.push(
        `${called.path} uses secrets.${name}, which its on.workflow_call.secrets does not declare.`
      )
    }
  }
  return problems
}
