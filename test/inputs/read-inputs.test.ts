import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/inputs/input-error.js'
import { readInputs } from '../../src/inputs/read-inputs.js'

const from = (values: Record<string, string>) => (name: string) => values[name] ?? ''
const read = (values: Record<string, string>, env: Record<string, string> = {}) =>
  readInputs(from(values), env)

/** The problems readInputs reports for these values (fails the test when it does not throw). */
function problems(values: Record<string, string>, env: Record<string, string> = {}): readonly string[] {
  try {
    read(values, env)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).problems
  }
  throw new Error(`readInputs accepted ${JSON.stringify(values)}`)
}

describe('readInputs defaults', () => {
  it('gives the action.yml defaults when every input is empty', () => {
    const inputs = read({}, { RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64' })
    expect(inputs).toEqual({
      autoReport: true,
      mode: 'run',
      tiers: 'auto',
      workingDirectory: '.',
      instance: 'root',
      failFast: true,
      prepare: 'auto',
      retries: 2,
      failOnFlaky: false,
      githubToken: '',
      comment: 'auto',
      reportPath: 'pyramid-report.json',
      runnerPricePerMinute: 0.006,
      runnerPriceGiven: false,
      history: 'auto',
      historyBranch: 'pyramid-history',
      unit: { command: 'npm run test:unit' },
      integration: {
        command: 'npm run test:integration',
        localstack: 'auto',
        localstackImage: 'localstack/localstack:4.14.0',
        localstackServices: [],
        localstackEndpoint: 'http://localhost:4566',
        localstackTimeoutSeconds: 120
      },
      e2e: {
        command: 'npm run test:e2e',
        costWarningUsdPerHour: 0.1,
        cdkAppDir: '.',
        cdkStacks: [],
        stackNames: [],
        allowedAccountIds: [],
        forbiddenAccountIds: [],
        stackPrefix: 'pyr',
        stackTtlMinutes: 180,
        stacks: 'deploy',
        destroyTimeoutMinutes: 30,
        forceDelete: true
      }
    })
  })

  it('takes the token from GITHUB_TOKEN outside GitHub and the region from AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(read({}, { GITHUB_TOKEN: 'ghs_abc' }).githubToken).toBe('ghs_abc')
    expect(read({}, { AWS_DEFAULT_REGION: 'eu-west-1' }).e2e.awsRegion).toBe('eu-west-1')
    expect(read({}, { AWS_REGION: 'us-gov-west-1', AWS_DEFAULT_REGION: 'eu-west-1' }).e2e.awsRegion).toBe(
      'us-gov-west-1'
    )
    expect(read({ 'aws-region': 'ap-southeast-7' }, { AWS_REGION: 'eu-west-1' }).e2e.awsRegion).toBe(
      'ap-southeast-7'
    )
  })

  it('prices runner minutes from the runner when runner-price-per-minute is empty, else from the input', () => {
    expect(read({}, { RUNNER_OS: 'macOS', RUNNER_ARCH: 'ARM64' }).runnerPricePerMinute).toBe(0.062)
    expect(read({}, { RUNNER_ENVIRONMENT: 'self-hosted', RUNNER_OS: 'Linux' }).runnerPricePerMinute).toBe(0)
    expect(read({ 'runner-price-per-minute': '0.022' }, { RUNNER_OS: 'macOS' }).runnerPricePerMinute).toBe(
      0.022
    )
    expect(read({ 'runner-price-per-minute': '0' }).runnerPricePerMinute).toBe(0)
  })
})

describe('readInputs parsing', () => {
  it('returns explicit tiers deduplicated, lower-cased and in pyramid order', () => {
    expect(read({ tiers: 'e2e, Unit,unit' }).tiers).toEqual(['unit', 'e2e'])
    expect(read({ tiers: 'AUTO' }).tiers).toBe('auto')
  })

  it('reads booleans as true/false in any case', () => {
    expect(
      read({ mode: 'janitor', 'fail-fast': 'FALSE', 'dry-run': 'True', 'fail-on-flaky': 'true' })
    ).toMatchObject({ failFast: false, dryRun: true, failOnFlaky: true })
    expect(read({ 'dry-run': 'true' })).not.toHaveProperty('dryRun')
  })

  it('splits lists on commas and newlines, trims and deduplicates them', () => {
    const inputs = read({
      'localstack-services': 'dynamodb, s3\nsqs,s3,',
      'allowed-account-ids': '123456789012,\n210987654321',
      'deploy-command': 'sam deploy',
      'stack-names': 'orders, billing'
    })
    expect(inputs.integration.localstackServices).toEqual(['dynamodb', 's3', 'sqs'])
    expect(inputs.e2e.allowedAccountIds).toEqual(['123456789012', '210987654321'])
    expect(inputs.e2e).toMatchObject({ deployCommand: 'sam deploy', stackNames: ['orders', 'billing'] })
  })

  it('normalises endpoints to scheme://host[:port] and keeps optional values', () => {
    const inputs = read({
      'localstack-endpoint': 'http://LocalStack:4566/',
      'aws-endpoint-url': 'https://cfn.internal.example',
      'integration-setup-command': 'npx cdklocal deploy --require-approval never',
      'localstack-auth-token': 'ls-secret',
      'unit-results': 'reports/*.xml',
      mode: 'report',
      reports: 'all/**/*.json'
    })
    expect(inputs.integration).toMatchObject({
      localstackEndpoint: 'http://localstack:4566',
      setupCommand: 'npx cdklocal deploy --require-approval never',
      localstackAuthToken: 'ls-secret'
    })
    expect(inputs.e2e.awsEndpointUrl).toBe('https://cfn.internal.example')
    expect(inputs.unit.resultsGlob).toBe('reports/*.xml')
    expect(inputs).toMatchObject({ mode: 'report', reports: 'all/**/*.json' })
  })

  it.each([
    'localstack/localstack:4.14.0',
    'localstack/localstack-pro:2026.3',
    'ghcr.io/org/localstack:latest',
    'registry.internal:5000/mirror/localstack/localstack:4.14.0',
    'localstack/localstack@sha256:' + 'a'.repeat(64)
  ])('accepts the image reference %s', (image) => {
    expect(read({ 'localstack-image': image }).integration.localstackImage).toBe(image)
  })

  it('accepts a stack prefix of 32 characters and a name that just fits 128 characters', () => {
    const prefix = 'p' + 'x'.repeat(31)
    const name = 'n'.repeat(128 - 32 - 25)
    const inputs = read({ 'stack-prefix': prefix, 'cdk-stacks': name })
    const full = `${prefix}-${'9'.repeat(19)}-999-${name}`
    expect(full).toHaveLength(128)
    expect(inputs.e2e.cdkStacks).toEqual([name])
    expect(problems({ 'stack-prefix': prefix, 'cdk-stacks': name + 'n' })[0]).toMatch(
      /^cdk-stacks: .*at most 71 characters/
    )
  })
})

describe('readInputs problems: one line naming input, value and what is accepted', () => {
  it.each<[Record<string, string>, string]>([
    [
      { mode: 'destroy' },
      'mode: "destroy" is not one of run, plan, deploy, report, cleanup, janitor, publish'
    ],
    [
      { tiers: 'unit,smoke' },
      'tiers: "unit,smoke" is not auto or a comma list of unit, integration, e2e (unknown: smoke)'
    ],
    [{ tiers: ',' }, 'tiers: "," is not auto or a comma list of unit, integration, e2e'],
    [
      { tiers: 'auto,unit' },
      'tiers: "auto,unit" is not auto or a comma list of unit, integration, e2e (unknown: auto)'
    ],
    [{ 'fail-fast': 'yes' }, 'fail-fast: "yes" is not a boolean; use true or false'],
    [{ prepare: 'early' }, 'prepare: "early" is not one of auto, eager, off'],
    [{ 'dry-run': '1' }, 'dry-run: "1" is not a boolean; use true or false'],
    [{ retries: 'two' }, 'retries: "two" is not a whole number from 0 to 10'],
    [{ retries: '11' }, 'retries: "11" is not a whole number from 0 to 10'],
    [{ retries: '-1' }, 'retries: "-1" is not a whole number from 0 to 10'],
    [{ retries: '1.5' }, 'retries: "1.5" is not a whole number from 0 to 10'],
    [
      { 'localstack-timeout-seconds': '0' },
      'localstack-timeout-seconds: "0" is not a whole number from 1 to 3600 seconds'
    ],
    [
      { 'stack-ttl-minutes': '5' },
      'stack-ttl-minutes: "5" is not a whole number from 15 to 10080 minutes (15 minutes to 7 days)'
    ],
    [
      { 'destroy-timeout-minutes': '999' },
      'destroy-timeout-minutes: "999" is not a whole number from 1 to 360 minutes'
    ],
    [
      { 'runner-price-per-minute': '-0.01' },
      'runner-price-per-minute: "-0.01" is not a price in USD per minute: a number of 0 or more, e.g. 0.006'
    ],
    [
      { 'runner-price-per-minute': '$0.006' },
      'runner-price-per-minute: "$0.006" is not a price in USD per minute: a number of 0 or more, e.g. 0.006'
    ],
    [{ comment: 'sometimes' }, 'comment: "sometimes" is not one of auto, always, never'],
    [{ history: 'on' }, 'history: "on" is not one of auto, off'],
    [{ localstack: 'docker' }, 'localstack: "docker" is not one of auto, external, off'],
    [
      { 'localstack-endpoint': 'localhost:4566' },
      'localstack-endpoint: "localhost:4566" is not an http(s) URL of a host and optional port, e.g. http://localhost:4566 (no path, query, credentials or fragment)'
    ],
    [
      { 'localstack-endpoint': 'http://localhost:4566/_localstack/health' },
      'localstack-endpoint: "http://localhost:4566/_localstack/health" is not an http(s) URL of a host and optional port, e.g. http://localhost:4566 (no path, query, credentials or fragment)'
    ],
    [
      { 'aws-endpoint-url': 'ftp://emulator:21' },
      'aws-endpoint-url: "ftp://emulator:21" is not an http(s) URL of a host and optional port, e.g. http://localhost:4566 (no path, query, credentials or fragment)'
    ],
    [
      { 'aws-endpoint-url': 'http://user:pw@emulator:4566' },
      'aws-endpoint-url: "http://user:pw@emulator:4566" is not an http(s) URL of a host and optional port, e.g. http://localhost:4566 (no path, query, credentials or fragment)'
    ],
    [
      { 'allowed-account-ids': '123456789012,12345' },
      'allowed-account-ids: "123456789012,12345" has "12345", not a 12-digit AWS account id'
    ],
    [
      { 'forbidden-account-ids': 'prod' },
      'forbidden-account-ids: "prod" has "prod", not a 12-digit AWS account id'
    ],
    [
      { 'allowed-account-ids': '123456789012', 'forbidden-account-ids': '123456789012' },
      'allowed-account-ids: "123456789012" is also in forbidden-account-ids; an account cannot be both'
    ],
    [
      { 'stack-prefix': '1pyr' },
      'stack-prefix: "1pyr" is not a stack prefix: a letter first, then letters, digits and hyphens (not last), at most 32 characters'
    ],
    [
      { 'stack-prefix': 'pyr_test' },
      'stack-prefix: "pyr_test" is not a stack prefix: a letter first, then letters, digits and hyphens (not last), at most 32 characters'
    ],
    [
      { 'stack-prefix': 'pyr-' },
      'stack-prefix: "pyr-" is not a stack prefix: a letter first, then letters, digits and hyphens (not last), at most 32 characters'
    ],
    [
      { 'stack-prefix': 'p'.repeat(33) },
      `stack-prefix: "${'p'.repeat(33)}" is not a stack prefix: a letter first, then letters, digits and hyphens (not last), at most 32 characters`
    ],
    [
      { 'localstack-services': 'dynamodb,S3,step functions' },
      'localstack-services: "dynamodb,S3,step functions" has "step functions", not a service name such as dynamodb (optionally with :port)'
    ],
    [
      { 'cdk-stacks': 'Orders,orders_v2' },
      'cdk-stacks: "Orders,orders_v2" has "orders_v2", not a stack name without the run prefix (letters, digits and hyphens, at most 100 characters with this stack-prefix)'
    ],
    [
      { 'deploy-command': 'sam deploy' },
      'stack-names: is empty; with deploy-command, list the stacks it creates (without the run prefix)'
    ],
    [
      { 'stack-names': 'orders' },
      'stack-names: "orders" is only used with deploy-command; for a CDK app use cdk-stacks'
    ],
    [
      { mode: 'report' },
      'reports: is empty; mode report needs a glob of CTRF files from earlier jobs, e.g. reports/**/*.json'
    ],
    [{ 'aws-region': 'US-EAST-1' }, 'aws-region: "US-EAST-1" is not an AWS region name such as us-east-1'],
    [{ 'aws-region': 'useast1' }, 'aws-region: "useast1" is not an AWS region name such as us-east-1'],
    [
      { 'localstack-image': 'localstack/localstack:4.14.0 --privileged' },
      'localstack-image: "localstack/localstack:4.14.0 --privileged" is not an image reference such as localstack/localstack:4.14.0'
    ],
    [
      { 'localstack-image': 'LocalStack/LocalStack' },
      'localstack-image: "LocalStack/LocalStack" is not an image reference such as localstack/localstack:4.14.0'
    ],
    [
      { 'history-branch': 'pyramid history' },
      'history-branch: "pyramid history" is not a valid git branch name'
    ],
    [{ 'history-branch': 'a..b' }, 'history-branch: "a..b" is not a valid git branch name'],
    [
      { 'report-path': 'out\u0000.json' },
      'report-path: "out\\u0000.json" contains a control character; give a plain path'
    ]
  ])('%j → %s', (values, expected) => {
    expect(problems(values)).toEqual([expected])
  })

  it('checks deploy-command and cdk-stacks together', () => {
    expect(problems({ 'deploy-command': 'sam deploy', 'stack-names': 'a', 'cdk-stacks': 'B' })).toEqual([
      'cdk-stacks: "B" is not used with deploy-command; list its stacks in stack-names'
    ])
  })

  it('reads e2e-stacks and refuses handed-over stacks in mode deploy (that mode hands them over)', () => {
    expect(read({ 'e2e-stacks': 'handed-over' }).e2e.stacks).toBe('handed-over')
    expect(read({ mode: 'deploy' }).mode).toBe('deploy')
    expect(problems({ mode: 'deploy', 'e2e-stacks': 'handed-over' })).toEqual([
      'e2e-stacks: "handed-over" is the test job of a hand-over; mode deploy deploys (e2e-stacks: deploy)'
    ])
    expect(problems({ 'e2e-stacks': 'adopt' })).toEqual([
      'e2e-stacks: "adopt" is not one of deploy, handed-over'
    ])
  })

  it('names a bad region from the environment when aws-region is empty', () => {
    expect(problems({}, { AWS_REGION: 'mars-1' })).toEqual([
      'aws-region: is empty and AWS_REGION="mars-1" is not an AWS region name such as us-east-1; set aws-region'
    ])
  })

  it('shortens long values in a message', () => {
    const [line] = problems({ mode: 'x'.repeat(500) })
    expect(line).toBe(
      `mode: "${'x'.repeat(60)}…" is not one of run, plan, deploy, report, cleanup, janitor, publish`
    )
  })

  it('reports every problem at once, one line each, in one InputError', () => {
    let error: unknown
    try {
      read({
        retries: 'two',
        'fail-fast': 'maybe',
        tiers: 'smoke',
        'localstack-endpoint': 'nope',
        'stack-prefix': '-x'
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    const { message, problems: lines } = error as InputError
    expect(lines).toHaveLength(5)
    expect(message.split('\n')).toEqual([
      "5 inputs are not valid; fix the step's `with:` values and run again:",
      ...lines.map((l) => `- ${l}`)
    ])
    for (const name of ['retries', 'fail-fast', 'tiers', 'localstack-endpoint', 'stack-prefix']) {
      expect(lines.some((l) => l.startsWith(`${name}: `))).toBe(true)
    }
  })
})

describe('secrets never appear in messages', () => {
  it('keeps a bad localstack-auth-token and github-token out of the message', () => {
    const error = (() => {
      try {
        read({ 'localstack-auth-token': 'ls-SECRET value', 'github-token': 'ghs_TOPSECRET\nx', retries: 'x' })
      } catch (e) {
        return e as InputError
      }
      throw new Error('readInputs accepted a token with whitespace')
    })()
    expect(error.message).not.toContain('SECRET')
    expect(error.problems).toEqual([
      'github-token: (secret value, not shown) contains whitespace; paste the token exactly as issued',
      'retries: "x" is not a whole number from 0 to 10',
      'localstack-auth-token: (secret value, not shown) contains whitespace; paste the token exactly as issued'
    ])
  })

  it('asks for a token in mode publish without showing anything', () => {
    expect(problems({ mode: 'publish' })).toEqual([
      'github-token: is empty; mode publish posts the prepared comment and needs a token with pull-requests: write'
    ])
  })
})
