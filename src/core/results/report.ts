/** Everything the renderers need about one run (or several merged runs). Pure data. */
import type { RunContext } from '../context.js'
import type { Plan } from '../tiers/plan.js'
import type { Tier } from './model.js'
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
  /** The hourly estimate made from the templates before the deploy (CDK app or template-file). */
  estimate?: HourlyEstimate
  /** The price table the stack was priced with: its date and the files it came from. */
  prices?: { date: string; origins: string[] }
}

/**
 * One line of a cost estimate, of one of four kinds, each shown as such everywhere: `metered` has an
 * amount (runner minutes, hourly resources by the started hour); `usage-priced` depends on requests
 * and shows the unit prices instead; `free` costs nothing; `not-priced` could not be priced and says
 * why. Only metered lines add to a total.
 */
export type CostLine =
  | { kind: 'metered'; tier: Tier; item: string; usd: number; basis: string }
  | { kind: 'usage-priced'; tier: Tier; item: string; unitPrice: string }
  | { kind: 'free'; tier: Tier; item: string }
  | { kind: 'not-priced'; tier: Tier; item: string; reason: string }

export type CostKind = CostLine['kind']

/** What the stacks would cost per hour, estimated from their templates before anything is deployed. */
export interface HourlyEstimate {
  region: string
  /** Date of the price table used. */
  pricesDate: string
  /** One line per resource type (and size); a metered line's usd is per hour. */
  lines: CostLine[]
  /** The metered lines' sum, USD per hour. */
  usdPerHour: number
  /** What the estimate could not read (nested stacks, conditions). */
  notes: string[]
  /** cost-warning-usd-per-hour: above it, a warning before the deploy. */
  warningUsdPerHour: number
  /** cost-limit-usd-per-hour: above it, the deploy is refused; undefined: no limit. */
  limitUsdPerHour?: number
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
