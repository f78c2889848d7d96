/**
 * Every output of action.yml, in the order action.yml declares them. A test checks this list against
 * action.yml; the Outputs port takes only these names.
 */
export const OUTPUT_NAMES = [
  'tiers',
  'result',
  'tests',
  'passed',
  'failed',
  'skipped',
  'flaky',
  'flaky-rate',
  'duration-seconds',
  'cost-usd',
  'report',
  'stack-names',
  'stack-outputs',
  'comment-url',
  'plan',
  'instance'
] as const

export type OutputName = (typeof OUTPUT_NAMES)[number]

/** What a run (mode run or report) sets: every output but the plan's. */
export type RunOutputName = Exclude<OutputName, 'plan' | 'instance'>
