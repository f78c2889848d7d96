/** Least-privilege and fork-safety checks of the workflows; each returns the problems it found. */
import { type Job, type Step, type WorkflowFile, events } from './workflow-files.js'
import { isOurAction } from './workflow-checks.js'

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v))
const stepsOf = (job: Job): Step[] => job.steps ?? []
const ourSteps = (job: Job): Step[] => stepsOf(job).filter((s) => isOurAction(s.uses))
const mode = (s: Step): string => str(s.with?.mode) || 'run'

/** What a job needs, from what its steps do. */
function needed(job: Job): { comment: boolean; history: boolean; oidc: boolean } {
  return {
    comment: ourSteps(job).some(
      (s) => ['run', 'report', 'publish'].includes(mode(s)) && s.with?.comment !== 'never'
    ),
    history: ourSteps(job).some((s) => ['run', 'report'].includes(mode(s)) && s.with?.history !== 'off'),
    oidc: stepsOf(job).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') === true)
  }
}

function scopes(p: Job['permissions']): Record<string, string> {
  if (p === undefined) return {}
  if (typeof p === 'string') return { '*': p }
  return p
}

/**
 * Reusable workflows grant nothing at the top and each job exactly the write scopes it uses:
 * pull-requests for the comment, contents for the history ledger, id-token for OIDC.
 */
export function checkJobPermissions(f: WorkflowFile): string[] {
  const problems: string[] = []
  const top = f.doc.permissions
  if (
    top === undefined ||
    (typeof top === 'object' && Object.keys(top).length > 0) ||
    typeof top === 'string'
  ) {
    problems.push(`${f.path}: top-level permissions must be {} so every job states its own`)
  }
  for (const [jobId, job] of Object.entries(f.doc.jobs)) {
    if (job.permissions === undefined) {
      problems.push(`${f.path} jobs.${jobId}: declares no permissions`)
      continue
    }
    const granted = scopes(job.permissions)
    if ('*' in granted)
      problems.push(`${f.path} jobs.${jobId}: permissions '${granted['*']}' grants every scope`)
    const need = needed(job)
    const rules: [string, boolean][] = [
      ['pull-requests', need.comment],
      ['contents', need.history],
      ['id-token', need.oidc]
    ]
    for (const [scope, wanted] of rules) {
      const writes = granted[scope] === 'write'
      if (writes && !wanted) problems.push(`${f.path} jobs.${jobId}: ${scope}: write is granted but not used`)
      if (!writes && wanted) problems.push(`${f.path} jobs.${jobId}: needs ${scope}: write`)
    }
    for (const [scope, level] of Object.entries(granted)) {
      if (level === 'write' && !rules.some(([s]) => s === scope)) {
        problems.push(`${f.path} jobs.${jobId}: ${scope}: write is never needed here`)
      }
    }
  }
  return problems
}

/**
 * The fork-safe publisher: triggered by workflow_run of the pyramid workflow, never checks out or runs the
 * fork's code, downloads the `pyramid-comment` artifact of the triggering run and posts it in mode publish.
 */
export function checkPublishComment(f: WorkflowFile, pyramidWorkflowName: string): string[] {
  const problems: string[] = []
  const on = events(f.doc)
  if (Object.keys(on).join() !== 'workflow_run') {
    problems.push(`${f.path}: must be triggered by workflow_run alone, found ${Object.keys(on).join(', ')}`)
  }
  const run = on['workflow_run'] as { workflows?: string[]; types?: string[] } | null
  if (!run?.workflows?.includes(pyramidWorkflowName)) {
    problems.push(`${f.path}: workflow_run.workflows does not list '${pyramidWorkflowName}'`)
  }
  const permissions = { actions: 'read', contents: 'read', 'pull-requests': 'write' }
  if (JSON.stringify(f.doc.permissions) !== JSON.stringify(permissions)) {
    problems.push(
      `${f.path}: permissions must be exactly actions: read, contents: read, pull-requests: write`
    )
  }
  const steps = Object.values(f.doc.jobs).flatMap(stepsOf)
  for (const s of steps) {
    if (s.uses?.startsWith('actions/checkout@')) problems.push(`${f.path}: checks out code (${s.uses})`)
    if (/\bgit\s+(clone|checkout|fetch|pull|worktree)\b/.test(str(s.run))) {
      problems.push(`${f.path}: a run step fetches code with git`)
    }
    if (/\b(npm|npx|yarn|pnpm|node|bash\s+\S+\.sh|sh\s+\S+\.sh|make)\b/.test(str(s.run))) {
      problems.push(`${f.path}: a run step runs project tooling: '${str(s.run).split('\n')[0]}'`)
    }
    if (s.uses !== undefined && s.uses.startsWith('./'))
      problems.push(`${f.path}: uses a workspace action (${s.uses})`)
  }
  const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))
  // One artifact per instance (the reusable workflow's `pyramid-comment_<instance>_attempt-<n>`), each
  // downloaded by a matrix job from the names a find step listed; or the one-step `pyramid-comment`.
  const listed = steps.some((s) => str(s.run).includes('pyramid-comment') && str(s.run).includes('artifacts'))
  const name = str(download?.with?.name)
  if (
    !(name === 'pyramid-comment' || (name === '${{ matrix.artifact }}' && listed)) ||
    !str(download?.with?.['run-id']).includes('github.event.workflow_run.id') ||
    !str(download?.with?.['github-token']).includes('github.token')
  ) {
    problems.push(
      `${f.path}: must download the 'pyramid-comment' artifact(s) with run-id of the triggering run and github-token`
    )
  }
  const publish = steps.find((s) => isOurAction(s.uses) && s.with?.mode === 'publish')
  if (publish === undefined) {
    problems.push(`${f.path}: never runs the action with mode: publish`)
  } else if ((str(publish.with?.['working-directory']) || '.') !== (str(download?.with?.path) || '.')) {
    // mode publish reads pyramid-comment.json from its working-directory
    problems.push(
      `${f.path}: mode publish reads its working-directory, not where the artifact was downloaded`
    )
  }
  return problems
}

/** The events of a workflow on which `tiers: auto` plans e2e (SPEC §3). */
const E2E_EVENTS = ['push', 'workflow_dispatch', 'schedule']

/**
 * What a copy-and-paste workflow must say for itself: every job that calls our reusable workflow or runs
 * our action states its permissions (job or workflow level: relying on the repository's default is what
 * made the README's one-liner fail at load), and one that may run e2e names its aws-region (the plan job
 * of pyramid.yml stops without one on every default-branch push).
 */
export function checkStatesItsNeeds(f: WorkflowFile): string[] {
  const problems: string[] = []
  const e2eEvents = Object.keys(events(f.doc)).some((e) => E2E_EVENTS.includes(e))
  for (const [jobId, job] of Object.entries(f.doc.jobs ?? {})) {
    const calls =
      job.uses !== undefined &&
      /serverless-test-pyramid\/\.github\/workflows\/pyramid\.yml|^\.\/\.github\/workflows\/pyramid\.yml/.test(
        job.uses
      )
    const steps = ourSteps(job).filter((s) => mode(s) === 'run')
    if (!calls && steps.length === 0 && !(job.uses ?? '').includes('serverless-test-pyramid')) continue
    if (job.permissions === undefined && f.doc.permissions === undefined) {
      problems.push(
        `${f.path} jobs.${jobId}: states no permissions (the repository default never grants id-token)`
      )
    }
    const given = [job.with ?? {}, ...steps.map((s) => s.with ?? {})]
    const tiers = given.map((w) => str(w['tiers'])).find((t) => t !== '') ?? 'auto'
    const mayRunE2e = e2eEvents && (tiers === 'auto' || tiers.includes('e2e'))
    const region =
      given.some((w) => str(w['aws-region']) !== '') ||
      stepsOf(job).some(
        (s) =>
          s.uses?.startsWith('aws-actions/configure-aws-credentials@') && str(s.with?.['aws-region']) !== ''
      )
    if ((calls || steps.length > 0) && mayRunE2e && !region) {
      problems.push(
        `${f.path} jobs.${jobId}: may run e2e (on ${Object.keys(events(f.doc)).join(', ')}) but names no aws-region`
      )
    }
  }
  return problems
}
