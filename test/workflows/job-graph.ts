/**
 * Which jobs of a workflow run, and with what outputs, for a given scenario (the inputs, the event, and the
 * result each job ends with when it runs). It follows GitHub's documented rules:
 * - jobs.<job_id>.needs (workflow syntax): a job waits for its needs; when one of them failed or was
 *   skipped, the job is skipped unless its `if:` uses a status function that lets it continue;
 * - status check functions ("Evaluate expressions in workflows and actions"): without one, `success()`
 *   is implied; at job level `success()` means every job in `needs` succeeded, `failure()` that an
 *   ancestor failed, `always()` is always true, `cancelled()` that the run was cancelled;
 * - the `needs` context holds `result` and `outputs` of the direct needs only; a skipped job has no
 *   outputs (empty strings); job outputs are rendered after its steps, from the `steps` context.
 * Steps are walked for their `if:` and outputs (given by the scenario), so a job output that depends on a
 * skipped step is computed as GitHub would.
 */
import { condition, render, type Contexts } from './expressions.js'
import { needsOf, type Job, type Step, type Workflow } from './workflow-files.js'

export type RunResult = 'success' | 'failure' | 'cancelled'
export type JobResult = RunResult | 'skipped'

export interface Scenario {
  inputs?: Record<string, unknown>
  github?: Record<string, unknown>
  secrets?: Record<string, string>
  /** The run was cancelled before the job's turn. */
  cancelled?: boolean
  /** How a job ends when it runs (default success). */
  result?: (jobId: string) => RunResult
  /** Outputs of a step that ran (default none). */
  stepOutputs?: (jobId: string, step: Step) => Record<string, string>
}

export interface JobRun {
  result: JobResult
  outputs: Record<string, string>
  /** Step ids (or uses/run) that ran, in order. */
  steps: string[]
  /** Positions of the steps that ran. */
  stepIndexes: number[]
  env: Record<string, string>
}

export function simulate(doc: Workflow, scenario: Scenario): Record<string, JobRun> {
  const jobs = doc.jobs ?? {}
  const done: Record<string, JobRun> = {}
  const order = topological(jobs)
  for (const id of order) done[id] = runJob(id, jobs[id]!, jobs, done, scenario)
  return done
}

function topological(jobs: Record<string, Job>): string[] {
  const order: string[] = []
  const visit = (id: string, path: string[]) => {
    if (order.includes(id)) return
    if (path.includes(id)) throw new Error(`needs cycle: ${[...path, id].join(' → ')}`)
    for (const n of needsOf(jobs[id] ?? {})) visit(n, [...path, id])
    order.push(id)
  }
  for (const id of Object.keys(jobs)) visit(id, [])
  return order
}

function ancestors(id: string, jobs: Record<string, Job>): string[] {
  const seen = new Set<string>()
  const walk = (j: string) => {
    for (const n of needsOf(jobs[j] ?? {})) {
      if (!seen.has(n)) {
        seen.add(n)
        walk(n)
      }
    }
  }
  walk(id)
  return [...seen]
}

function runJob(
  id: string,
  job: Job,
  jobs: Record<string, Job>,
  done: Record<string, JobRun>,
  scenario: Scenario
): JobRun {
  const needs = Object.fromEntries(
    needsOf(job).map((n) => [n, { result: done[n]!.result, outputs: done[n]!.outputs }])
  )
  const base: Contexts = {
    inputs: scenario.inputs ?? {},
    github: scenario.github ?? {},
    secrets: scenario.secrets ?? {},
    needs
  }
  const status = {
    success: needsOf(job).every((n) => done[n]!.result === 'success') && !scenario.cancelled,
    failure: ancestors(id, jobs).some((a) => done[a]!.result === 'failure'),
    cancelled: scenario.cancelled === true
  }
  if (!condition(job.if, base, status))
    return { result: 'skipped', outputs: {}, steps: [], stepIndexes: [], env: {} }
  const env = Object.fromEntries(
    Object.entries(job.env ?? {}).map(([k, v]) => [k, render(String(v), base, status)])
  )
  const stepsContext: Record<
    string,
    { outputs: Record<string, string>; outcome: string; conclusion: string }
  > = {}
  const ran: string[] = []
  const stepIndexes: number[] = []
  for (const [index, step] of (job.steps ?? []).entries()) {
    const ctx = { ...base, env, steps: stepsContext }
    const stepStatus = { success: true, failure: false, cancelled: status.cancelled }
    const runs = condition(step.if, ctx, stepStatus)
    const outputs = runs ? (scenario.stepOutputs?.(id, step) ?? {}) : {}
    if (runs) {
      ran.push(step.id ?? step.uses ?? step.run ?? '?')
      stepIndexes.push(index)
    }
    if (step.id !== undefined) {
      const outcome = runs ? 'success' : 'skipped'
      stepsContext[step.id] = { outputs, outcome, conclusion: outcome }
    }
  }
  const ctx = { ...base, env, steps: stepsContext }
  const outputs = Object.fromEntries(
    Object.entries(job.outputs ?? {}).map(([k, v]) => [k, render(String(v), ctx, status)])
  )
  return { result: scenario.result?.(id) ?? 'success', outputs, steps: ran, stepIndexes, env }
}

/** The inputs a call gets: what the caller passes, else the declared defaults. */
export function callInputs(doc: Workflow, given: Record<string, unknown> = {}): Record<string, unknown> {
  const call = (doc.on as Record<string, unknown> | undefined)?.['workflow_call'] as
    { inputs?: Record<string, { default?: unknown }> } | undefined
  const defaults = Object.fromEntries(
    Object.entries(call?.inputs ?? {}).map(([k, v]) => [k, v.default ?? ''])
  )
  return { ...defaults, ...given }
}
