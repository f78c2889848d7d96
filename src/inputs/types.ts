/**
 * Every input of the action, read and validated into one typed object (see inputs/read-inputs.ts). The
 * inputs of one mode only (`reports`, `dry-run`) exist on that mode's variant of Inputs.
 */
import type { PrepareMode } from '../core/pipeline/preparation.js'
import type { Tier } from '../core/results/model.js'
import type { StackSettings } from '../core/stacks/plan.js'
import type { TierCommand } from '../core/tiers/plan.js'

export type Mode = 'run' | 'plan' | 'deploy' | 'report' | 'cleanup' | 'janitor' | 'publish'
export type CommentMode = 'auto' | 'always' | 'never'
export type LocalStackMode = 'auto' | 'external' | 'off'
/** Where the e2e tier's stacks come from: its own deploy, or a `mode: deploy` job of this run and instance. */
export type E2eStacks = 'deploy' | 'handed-over'

export type Inputs = SharedInputs & ModeInputs

/** What only one mode reads. */
export type ModeInputs =
  | { mode: Exclude<Mode, 'report' | 'janitor'> }
  | {
      mode: 'report'
      /** Glob of the CTRF files of earlier jobs. */
      reports: string
    }
  | {
      mode: 'janitor'
      /** List what would be deleted and delete nothing. */
      dryRun: boolean
    }

export type ReportInputs = Extract<Inputs, { mode: 'report' }>
export type JanitorInputs = Extract<Inputs, { mode: 'janitor' }>

/** What every mode may read (each reads a part: the plan the tier inputs, cleanup the e2e ones…). */
export interface SharedInputs {
  /** 'auto' or an explicit list in pyramid order. */
  tiers: 'auto' | Tier[]
  workingDirectory: string
  /** Name of this call of the pyramid within the run (the input, or derived from working-directory). */
  instance: string
  /** The job's matrix values (toJSON(matrix)); undefined outside a matrix. */
  matrix?: Record<string, unknown>
  failFast: boolean
  /** How far higher tiers get ready while lower tiers run. */
  prepare: PrepareMode
  retries: number
  failOnFlaky: boolean
  githubToken: string
  comment: CommentMode
  reportPath: string
  /** USD per runner minute; from the input, else from the runner price table. */
  runnerPricePerMinute: number
  /** runner-price-per-minute was set; otherwise the price is GitHub's for the runner (its labels when readable). */
  runnerPriceGiven: boolean
  history: 'auto' | 'off'
  historyBranch: string
  /** Add the detected runner's own report to a tier command that writes none. */
  autoReport: boolean

  unit: TierCommand
  integration: TierCommand & {
    setupCommand?: string
    localstack: LocalStackMode
    localstackImage: string
    localstackAuthToken?: string
    localstackServices: string[]
    localstackEndpoint: string
    localstackTimeoutSeconds: number
  }
  e2e: TierCommand &
    StackSettings & {
      cdkAppDir: string
      /** deploy: the tier deploys and destroys its stacks; handed-over: it tests the stacks a deploy job handed over. */
      stacks: E2eStacks
      destroyTimeoutMinutes: number
      forceDelete: boolean
      awsEndpointUrl?: string
      /** With deployCommand: the template it deploys, for the pre-deploy cost estimate. */
      templateFile?: string
      /** Above this estimated USD per hour of the stacks, a warning before the deploy. */
      costWarningUsdPerHour: number
      /** Above this estimated USD per hour the deploy is refused; undefined: no limit. */
      costLimitUsdPerHour?: number
      /** A price table over the shipped one (relative to working-directory). */
      pricesFile?: string
    }
}
