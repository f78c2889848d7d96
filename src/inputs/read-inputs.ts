/**
 * All inputs of action.yml read and checked in one place, before anything runs. Every problem is
 * collected and thrown as one InputError, one line per problem (input, value, what is accepted).
 */
import { defaultRunnerPrice } from '../core/cost/runner-prices.js'
import { PREPARE_MODES } from '../core/pipeline/preparation.js'
import { TIER_ORDER, type Tier } from '../core/results/model.js'
import { INSTANCE_WHAT, instanceFromDirectory, isInstanceName } from '../core/instance.js'
import { instanceSegment, STACK_NAME_MAX } from '../core/stacks/naming.js'
import { hasControlChar, InputChecks, splitList, USD } from './input-checks.js'
import { InputError } from './input-error.js'
import { INPUT_DEFAULTS } from './input-names.js'
import { readLocalStackServices } from './localstack-services.js'
import type { CommentMode, E2eStacks, Inputs, LocalStackMode, Mode, SharedInputs } from './types.js'

const MODES: readonly Mode[] = ['run', 'plan', 'deploy', 'report', 'cleanup', 'janitor', 'publish']
const COMMENT_MODES: readonly CommentMode[] = ['auto', 'always', 'never']
const LOCALSTACK_MODES: readonly LocalStackMode[] = ['auto', 'external', 'off']
const E2E_STACKS: readonly E2eStacks[] = ['deploy', 'handed-over']

/** stack-prefix: short enough to leave room for the run id, the attempt and a stack name. */
export const STACK_PREFIX_MAX = 32
/**
 * Characters of a full stack name taken by `-<run_id>-<run_attempt>-`: a run id is a 64-bit number
 * (at most 19 digits) and an attempt gets 3 digits, so `<prefix>-<run_id>-<attempt>-<name>` always
 * fits CloudFormation's 128 characters when the name fits the rest.
 */
export const RUN_PREFIX_RESERVE = 1 + 19 + 1 + 3 + 1

const ACCOUNT_ID = /^\d{12}$/
const REGION = /^[a-z]{2}(-(gov|iso[a-z]?))?-[a-z]+-\d{1,2}$/
const STACK_PREFIX = /^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/
const STACK_NAME_PART = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/
/** Docker image reference: [host[:port]/]path[:tag][@algo:hex], path components in lower case. */
const IMAGE = (() => {
  const host =
    '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d+)?'
  const part = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
  const digest = '@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'
  return new RegExp(`^(?:${host}/)?${part}(?:/${part})*(?::\\w[\\w.-]{0,127})?(?:${digest})?$`)
})()
/** A git branch name as `git check-ref-format --branch` would take it (the common rules). */
const BRANCH = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)(?!.*\.lock$)[^\s~^:?*[\\]+(?<![./])$/

export function readInputs(get: (name: string) => string, env: Record<string, string | undefined>): Inputs {
  const c = new InputChecks(get)

  const mode = c.oneOf('mode', MODES)
  const tiers = readTiers(c)
  const price = readPrice(c, env)
  const githubToken = c.secret('github-token', env['GITHUB_TOKEN']) ?? ''
  if (mode === 'publish' && githubToken === '') {
    c.missing(
      'github-token',
      'mode publish posts the prepared comment and needs a token with pull-requests: write'
    )
  }

  const instance = readInstance(c)
  const shared: SharedInputs = {
    tiers,
    workingDirectory: c.path('working-directory'),
    instance,
    ...readMatrix(c),
    failFast: c.bool('fail-fast'),
    prepare: c.oneOf('prepare', PREPARE_MODES),
    retries: c.wholeNumber('retries', 0, 10),
    failOnFlaky: c.bool('fail-on-flaky'),
    githubToken,
    comment: c.oneOf('comment', COMMENT_MODES),
    reportPath: c.path('report-path'),
    runnerPricePerMinute: price,
    runnerPriceGiven: c.optional('runner-price-per-minute') !== undefined,
    history: c.oneOf('history', ['auto', 'off'] as const),
    historyBranch:
      c.matching('history-branch', (b) => BRANCH.test(b) && !hasControlChar(b), 'a valid git branch name') ??
      INPUT_DEFAULTS['history-branch'],
    autoReport: c.bool('auto-report'),

    unit: { command: c.text('unit-command'), ...results(c.optional('unit-results')) },
    integration: {
      command: c.text('integration-command'),
      ...results(c.optional('integration-results')),
      ...optional('setupCommand', c.optional('integration-setup-command')),
      localstack: c.oneOf('localstack', LOCALSTACK_MODES),
      localstackImage:
        c.matching(
          'localstack-image',
          (i) => IMAGE.test(i),
          `an image reference such as ${INPUT_DEFAULTS['localstack-image']}`
        ) ?? INPUT_DEFAULTS['localstack-image'],
      ...optional('localstackAuthToken', c.secret('localstack-auth-token', undefined)),
      localstackServices: readLocalStackServices(c),
      localstackEndpoint: c.endpoint('localstack-endpoint') ?? INPUT_DEFAULTS['localstack-endpoint'],
      localstackTimeoutSeconds: c.wholeNumber('localstack-timeout-seconds', 1, 3600, ' seconds')
    },
    e2e: readE2e(c, env, instance)
  }
  // Read in every mode, so a bad value is named whatever the mode.
  const reports = c.optional('reports')
  const dryRun = c.bool('dry-run')

  if (mode === 'deploy' && shared.e2e.stacks === 'handed-over') {
    c.problem(
      'e2e-stacks',
      'handed-over',
      'is the test job of a hand-over; mode deploy deploys (e2e-stacks: deploy)'
    )
  }
  if (mode === 'report' && reports === undefined) {
    c.missing('reports', 'mode report needs a glob of CTRF files from earlier jobs, e.g. reports/**/*.json')
  }
  if (c.problems.length > 0) throw new InputError(c.problems)
  if (mode === 'report') return { ...shared, mode, reports: reports ?? '' }
  if (mode === 'janitor') return { ...shared, mode, dryRun }
  return { ...shared, mode }
}

/** The instance input, else the one derived from working-directory. */
function readInstance(c: InputChecks): string {
  const given = c.matching('instance', isInstanceName, INSTANCE_WHAT)
  return given ?? instanceFromDirectory(c.text('working-directory'))
}

/** toJSON(matrix) as the runner expands it: an object in a matrix job, 'null' outside one. */
function readMatrix(c: InputChecks): { matrix?: Record<string, unknown> } {
  const raw = c.text('matrix')
  if (raw.includes('${{') || raw === 'null' || raw === '') return {}
  try {
    const value: unknown = JSON.parse(raw)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return { matrix: value as Record<string, unknown> }
    }
  } catch {
    // reported below
  }
  c.problem('matrix', raw, "is not the job's matrix as JSON; leave the input at its default")
  return {}
}

function readTiers(c: InputChecks): Inputs['tiers'] {
  const value = c.text('tiers')
  const accepted = `is not auto or a comma list of ${TIER_ORDER.join(', ')}`
  if (value.toLowerCase() === 'auto') return 'auto'
  const names = splitList(value.toLowerCase())
  const unknown = names.filter((n) => !(TIER_ORDER as readonly string[]).includes(n))
  if (names.length === 0 || unknown.length > 0) {
    const which = unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''
    c.problem('tiers', value, `${accepted}${which}`)
    return 'auto'
  }
  return TIER_ORDER.filter((t: Tier) => names.includes(t))
}

function readPrice(c: InputChecks, env: Record<string, string | undefined>): number {
  const value = c.optional('runner-price-per-minute')
  if (value === undefined) {
    return defaultRunnerPrice({
      os: env['RUNNER_OS'],
      arch: env['RUNNER_ARCH'],
      environment: env['RUNNER_ENVIRONMENT']
    }).usdPerMinute
  }
  if (USD.test(value)) return Number(value)
  c.problem(
    'runner-price-per-minute',
    value,
    'is not a price in USD per minute: a number of 0 or more, e.g. 0.006'
  )
  return 0
}

function readE2e(c: InputChecks, env: Record<string, string | undefined>, instance: string): Inputs['e2e'] {
  const stackPrefix = c.text('stack-prefix')
  if (!STACK_PREFIX.test(stackPrefix) || stackPrefix.length > STACK_PREFIX_MAX) {
    c.problem(
      'stack-prefix',
      stackPrefix,
      `is not a stack prefix: a letter first, then letters, digits and hyphens (not last), at most ${STACK_PREFIX_MAX} characters`
    )
  }
  const instancePart = instanceSegment(instance).length
  const nameMax =
    STACK_NAME_MAX - Math.min(stackPrefix.length, STACK_PREFIX_MAX) - instancePart - RUN_PREFIX_RESERVE
  const stackNameWhat = `a stack name without the run prefix (letters, digits and hyphens, at most ${nameMax} characters with this stack-prefix)`
  const named = (n: string): boolean => STACK_NAME_PART.test(n) && n.length <= nameMax
  const cdkStacks = c.list('cdk-stacks', named, stackNameWhat)
  const stackNames = c.list('stack-names', named, stackNameWhat)
  const deployCommand = c.optional('deploy-command')
  if (deployCommand !== undefined && c.optional('stack-names') === undefined) {
    c.missing('stack-names', 'with deploy-command, list the stacks it creates (without the run prefix)')
  }
  if (deployCommand === undefined && stackNames.length > 0) {
    c.problem(
      'stack-names',
      c.text('stack-names'),
      'is only used with deploy-command; for a CDK app use cdk-stacks'
    )
  }
  if (deployCommand !== undefined && cdkStacks.length > 0) {
    c.problem(
      'cdk-stacks',
      c.text('cdk-stacks'),
      'is not used with deploy-command; list its stacks in stack-names'
    )
  }

  const accountWhat = 'a 12-digit AWS account id'
  const allowed = c.list('allowed-account-ids', isAccountId, accountWhat)
  const forbidden = c.list('forbidden-account-ids', isAccountId, accountWhat)
  const both = allowed.filter((a) => forbidden.includes(a))
  if (both.length > 0) {
    c.problem(
      'allowed-account-ids',
      both.join(','),
      'is also in forbidden-account-ids; an account cannot be both'
    )
  }

  return {
    command: c.text('e2e-command'),
    ...results(c.optional('e2e-results')),
    cdkAppDir: c.path('cdk-app-dir'),
    cdkStacks,
    ...optional('deployCommand', deployCommand),
    stackNames,
    stacks: c.oneOf('e2e-stacks', E2E_STACKS),
    ...optional('awsRegion', readRegion(c, env)),
    allowedAccountIds: allowed,
    forbiddenAccountIds: forbidden,
    stackPrefix,
    stackTtlMinutes: c.wholeNumber('stack-ttl-minutes', 15, 10080, ' minutes (15 minutes to 7 days)'),
    destroyTimeoutMinutes: c.wholeNumber('destroy-timeout-minutes', 1, 360, ' minutes'),
    forceDelete: c.bool('force-delete'),
    ...optional('awsEndpointUrl', c.endpoint('aws-endpoint-url')),
    ...readCostInputs(c, deployCommand)
  }
}

function readCostInputs(
  c: InputChecks,
  deployCommand: string | undefined
): Pick<Inputs['e2e'], 'templateFile' | 'costWarningUsdPerHour' | 'costLimitUsdPerHour' | 'pricesFile'> {
  const templateFile = c.optional('template-file')
  if (templateFile !== undefined && deployCommand === undefined) {
    c.problem(
      'template-file',
      templateFile,
      "is only used with deploy-command; a CDK app's templates are read from cdk.out after synth"
    )
  }
  const warning = c.usdAmount('cost-warning-usd-per-hour') ?? 0
  const limit = c.usdAmount('cost-limit-usd-per-hour')
  return {
    ...optional('templateFile', templateFile === undefined ? undefined : c.path('template-file')),
    costWarningUsdPerHour: warning,
    ...(limit !== undefined ? { costLimitUsdPerHour: limit } : {}),
    ...optional('pricesFile', c.optional('prices-file') === undefined ? undefined : c.path('prices-file'))
  }
}

/** aws-region, else AWS_REGION, else AWS_DEFAULT_REGION; a bad environment value is named as such. */
function readRegion(c: InputChecks, env: Record<string, string | undefined>): string | undefined {
  const what = 'an AWS region name such as us-east-1'
  const given = c.matching('aws-region', (r) => REGION.test(r), what)
  if (given !== undefined || c.optional('aws-region') !== undefined) return given
  for (const variable of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[variable]?.trim()
    if (!value) continue
    if (REGION.test(value)) return value
    c.problems.push(
      `aws-region: is empty and ${variable}=${JSON.stringify(value)} is not ${what}; set aws-region`
    )
    return undefined
  }
  return undefined
}

function isAccountId(id: string): boolean {
  return ACCOUNT_ID.test(id)
}

function results(glob: string | undefined): { resultsGlob?: string } {
  return glob === undefined ? {} : { resultsGlob: glob }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}
