/** Every input of the action, read and validated into one typed object (see inputs/read-inputs.ts). */
import type { Tier } from '../core/results/model.js'
import type { StackSettings } from '../core/stacks/plan.js'
import type { TierCommand } from '../core/tiers/plan.js'

export type Mode = 'run' | 'plan' | 'report' | 'cleanup' | 'janitor' | 'publish'
export type CommentMode = 'auto' | 'always' | 'never'
export type LocalStackMode = 'auto' | 'external' | 'off'

export interface Inputs {
  mode: Mode
  /** 'auto' or an explicit list in pyramid order. */
  tiers: 'auto' | Tier[]
  workingDirectory: string
  /** Name of this call of the pyramid within the run (the input, or derived from working-directory). */
  instance: string
  /** The job's matrix values (toJSON(matrix)); undefined outside a matrix. */
  matrix?: Record<string, unknown>
  failFast: boolean
  retries: number
  failOnFlaky: boolean
  githubToken: string
  comment: CommentMode
  reportPath: string
  /** USD per runner minute; from the input, else from the runner price table. */
  runnerPricePerMinute: number
  history: 'auto' | 'off'
  historyBranch: string

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
      destroyTimeoutMinutes: number
      forceDelete: boolean
      awsEndpointUrl?: string
    }
  /** Glob of CTRF files, for mode report. */
  reports?: string
  dryRun: boolean
}
