/**
 * Every input of action.yml with its default, in the order action.yml declares them. A test checks this
 * table against action.yml, so the two cannot drift apart.
 */
import { FREE_IMAGE } from '../core/localstack/image-policy.js'

export const INPUT_DEFAULTS = {
  mode: 'run',
  tiers: 'auto',
  'working-directory': '.',
  instance: '',
  /** Evaluated by the runner; outside GitHub (CLI, tests) the unexpanded text means "no matrix". */
  matrix: '${{ toJSON(matrix) }}',
  'fail-fast': 'true',
  prepare: 'auto',
  retries: '2',
  'fail-on-flaky': 'false',
  /** Evaluated by the runner; outside GitHub (CLI, tests) readInputs falls back to GITHUB_TOKEN or ''. */
  'github-token': '${{ github.token }}',
  comment: 'auto',
  'report-path': 'pyramid-report.json',
  'runner-price-per-minute': '',
  history: 'auto',
  'history-branch': 'pyramid-history',
  'auto-report': 'true',

  'unit-command': 'npm run test:unit',
  'unit-results': '',

  'integration-command': 'npm run test:integration',
  'integration-results': '',
  'integration-setup-command': '',
  localstack: 'auto',
  'localstack-image': FREE_IMAGE,
  'localstack-auth-token': '',
  'localstack-services': '',
  'localstack-endpoint': 'http://localhost:4566',
  'localstack-timeout-seconds': '120',

  'e2e-command': 'npm run test:e2e',
  'e2e-results': '',
  'cdk-app-dir': '.',
  'cdk-stacks': '',
  'deploy-command': '',
  'stack-names': '',
  'e2e-stacks': 'deploy',
  'aws-region': '',
  'allowed-account-ids': '',
  'forbidden-account-ids': '',
  'stack-prefix': 'pyr',
  'stack-ttl-minutes': '180',
  'destroy-timeout-minutes': '30',
  'force-delete': 'true',
  'aws-endpoint-url': '',
  'template-file': '',
  'cost-warning-usd-per-hour': '0.10',
  'cost-limit-usd-per-hour': '',
  'prices-file': '',

  reports: '',
  'dry-run': 'false'
} as const satisfies Record<string, string>

export type InputName = keyof typeof INPUT_DEFAULTS

export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[]

/** Inputs whose values are secrets: never written into a message, a log line or the plan. */
export const SECRET_INPUTS: readonly InputName[] = ['github-token', 'localstack-auth-token']
