/**
 * What `mode: publish` trusts: the `workflow_run` event GitHub delivers to the base repository's own
 * workflow. It says which run completed, what it tested (head_sha, its repository and branch), how it
 * concluded, and — for same-repository pull requests — which pull requests it belongs to (GitHub leaves
 * `pull_requests` empty for a fork's run). Nothing the pull request's run wrote can change it. Pure.
 */
import type { RunContext } from '../context.js'
import type { RunResult } from '../results/run.js'

export const PUBLISH_WORKFLOW = 'workflows/publish-comment.yml'

export interface TrustedRun {
  id: string
  runAttempt: number
  /** The event of the triggering run (pull_request). */
  event: string
  conclusion: string
  headSha: string
  headBranch: string
  /** owner/name of the repository the tested commit came from (the fork, for a fork's run). */
  headRepository: string
  headOwner: string
  isFork: boolean
  /** Pull requests of this repository GitHub lists for the run (empty for a fork's run). */
  pullRequests: number[]
}

/** GitHub names owners and repositories case-insensitively. */
export function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

export function readTrustedRun(ctx: Pick<RunContext, 'eventName' | 'payload' | 'repository'>): TrustedRun {
  if (ctx.eventName !== 'workflow_run') {
    throw new Error(
      `mode publish runs only in a workflow_run workflow (${PUBLISH_WORKFLOW}), and this is a ${ctx.eventName || 'unknown'} event: refused, nothing was posted. Only the workflow_run event, which GitHub delivers to this repository's own workflow, says which pull request's run the data came from, what it tested and how it concluded.`
    )
  }
  const run = ctx.payload.workflow_run
  if (!isObj(run)) throw refuse('the event has no workflow_run')
  if (run.status !== 'completed')
    throw refuse(
      `the triggering run is ${str(run.status) || 'not completed'}; publish needs its conclusion (on: workflow_run: types: [completed])`
    )
  const event = str(run.event)
  if (event !== 'pull_request')
    throw refuse(`the triggering run was a ${event || 'unknown'} event, not a pull request's run`)
  const repo = isObj(run.repository) ? run.repository : {}
  if (!sameRepository(str(repo.full_name), ctx.repository))
    throw refuse(
      `the triggering run belongs to ${str(repo.full_name) || 'no repository'}, not ${ctx.repository}`
    )
  const head = isObj(run.head_repository) ? run.head_repository : {}
  const headRepository = str(head.full_name)
  const headOwner = isObj(head.owner) ? str(head.owner.login) : ''
  const headSha = str(run.head_sha)
  if (
    !/^[0-9a-f]{40}$/.test(headSha) ||
    headRepository === '' ||
    headOwner === '' ||
    str(run.head_branch) === ''
  )
    throw refuse('the workflow_run event does not say which commit, repository and branch the run tested')
  const id = run.id
  if (!Number.isSafeInteger(id)) throw refuse('the workflow_run event has no run id')
  return {
    id: String(id),
    runAttempt: Number.isSafeInteger(run.run_attempt) ? (run.run_attempt as number) : 1,
    event,
    conclusion: str(run.conclusion),
    headSha,
    headBranch: str(run.head_branch),
    headRepository,
    headOwner,
    isFork: !sameRepository(headRepository, ctx.repository),
    pullRequests: pullRequestsOf(run, repo.id)
  }
}

/** The numbers of `pull_requests` whose base is this repository (GitHub may list other repositories'). */
function pullRequestsOf(run: Obj, repositoryId: unknown): number[] {
  const list = Array.isArray(run.pull_requests) ? run.pull_requests : []
  return list.flatMap((p) => {
    if (!isObj(p) || !Number.isSafeInteger(p.number)) return []
    const base = isObj(p.base) && isObj(p.base.repo) ? p.base.repo : {}
    return base.id === repositoryId ? [p.number as number] : []
  })
}

/** The verdict a conclusion stands for; undefined for `neutral` (no verdict either way). */
export function conclusionVerdict(conclusion: string): RunResult | undefined {
  switch (conclusion) {
    case 'success':
      return 'success'
    case 'cancelled':
      return 'cancelled'
    case 'skipped':
      return 'skipped'
    case 'neutral':
      return undefined
    default:
      // failure, timed_out, startup_failure, action_required, stale, or anything new: not a pass.
      return 'failure'
  }
}

function refuse(why: string): Error {
  return new Error(`mode publish refused: ${why}. Nothing was posted (see ${PUBLISH_WORKFLOW}).`)
}
