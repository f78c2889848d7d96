/** Everything the renderers need about one run (or several merged runs). Pure data. */
import type { RunContext } from '../context.js'
import type { Plan } from '../tiers/plan.js'
import type { RunResult, TierRun } from './run.js'

export interface StackResource {
  stackName: string
  logicalId: string
  type: string
  physicalId?: string
  status?: string
  reason?: string
}

/** What the e2e tier did with its ephemeral stacks. */
export interface StackReport {
  region: string
  /** Account id masked to its last 4 digits, e.g. "********1234". */
  accountMasked: string
  stacks: {
    name: string
    stackId?: string
    /** Last known CloudFormation status, e.g. DELETE_COMPLETE. */
    finalStatus: string
    deployMs?: number
    destroyMs?: number
  }[]
  /** Resources that failed during deploy or destroy, with reasons from the stack events. */
  failedResources: StackResource[]
  /** Resources left behind by a forced delete, still billing. */
  leaked: StackResource[]
  /** Destroy not confirmed: stacks the janitor will remove after expiresAt. */
  unconfirmed: string[]
  expiresAt?: string
  outputs: Record<string, Record<string, string>>
}

export interface CostLine {
  tier: TierRun['tier']
  item: string
  /** null: usage-priced, no number (see note). */
  usd: number | null
  note?: string
}

/** Which call (instance) and which job of it (job id + matrix values) wrote a report. */
export interface ReportOrigin {
  instance: string
  job: string
}

export interface RunReport {
  context: Pick<
    RunContext,
    'repository' | 'sha' | 'ref' | 'eventName' | 'runId' | 'runAttempt' | 'serverUrl' | 'job'
  >
  plan: Plan
  tiers: TierRun[]
  failOnFlaky: boolean
  runnerPricePerMinute: number
  startedAt: string
  finishedAt: string
  stacks?: StackReport
  costLines: CostLine[]
  /** Where the PR comment went (posted URL, file for publish, or why none). */
  commentNote?: string
  /**
   * The verdict when something more trusted than the tiers decides it: for a pull request's data shown by
   * `mode: publish`, the triggering run's own conclusion from GitHub (a run that failed is never shown
   * as passed, whatever its data says). Unset: the verdict is derived from the tiers.
   */
  verdict?: RunResult
  /** The call and job that wrote it; mode report keeps the newest attempt of each. */
  origin?: ReportOrigin
}
