import { describe, expect, it } from '@jest/globals'
import { closestName } from '../../src/core/closest-name.js'
import {
  AVAILABLE_SERVICES,
  SERVICE_COMPOSITES,
  SERVICE_DEPENDENCIES
} from '../../src/core/localstack/service-catalog.js'
import { describeService, expandServices, serviceName } from '../../src/core/localstack/service-names.js'

describe("LocalStack's SERVICES expansion, on our side", () => {
  // The expected sets are those of LocalStack's own unit tests at v4.14.0
  // (tests/unit/utils/test_bootstrap.py: TestGetPreloadedServices.test_resolve_meta and
  // TestGetEnabledApis.test_resolve_meta), so our expansion is checked against theirs.
  it.each([
    [
      ['es', 'cognito'],
      ['cognito-identity', 'cognito-idp', 'es', 'opensearch']
    ],
    [
      ['es', 'lambda'],
      ['es', 'lambda', 'opensearch', 's3', 'sts']
    ],
    [
      ['s3', 'sns'],
      ['s3', 'sns']
    ]
  ])('%j → %j', (requested, expanded) => {
    expect(expandServices(requested).services).toEqual(expanded)
  })

  it('adds dependencies transitively and says where each came from', () => {
    const { services, origin } = expandServices(['dynamodb', 'serverless'])
    expect(services).toEqual([
      'apigateway',
      'cloudformation',
      'cloudwatch',
      'dynamodb',
      'dynamodbstreams',
      'iam',
      'kinesis',
      'lambda',
      's3',
      'sts'
    ])
    expect(describeService('kinesis', origin)).toBe('kinesis (for dynamodb)')
    expect(describeService('apigateway', origin)).toBe('apigateway (for serverless)')
    expect(describeService('dynamodb', origin)).toBe('dynamodb')
  })

  it('keeps the name of an entry as LocalStack does: lower case, without :port or =port', () => {
    expect(['S3', 's3:4572', 'Sqs=4576', ' dynamodb '].map(serviceName)).toEqual([
      's3',
      's3',
      'sqs',
      'dynamodb'
    ])
  })

  it('the generated catalog is consistent: every dependency is an available service', () => {
    const available = new Set(AVAILABLE_SERVICES)
    for (const [service, deps] of Object.entries(SERVICE_DEPENDENCIES)) {
      expect([service, ...deps].filter((s) => !available.has(s))).toEqual([])
    }
    expect(SERVICE_COMPOSITES.serverless?.every((s) => available.has(s))).toBe(true)
    expect(AVAILABLE_SERVICES).toHaveLength(35)
  })
})

describe('the closest name, for "did you mean"', () => {
  it.each([
    ['dynamdb', 'dynamodb'],
    ['sqss', 'sqs'],
    ['LAMDA', 'lambda'],
    ['rds', undefined],
    ['ecs', 'ec2'],
    ['kinesis-firehose', undefined]
  ])('%s → %s', (typed, expected) => {
    expect(closestName(typed, AVAILABLE_SERVICES)).toBe(expected)
  })
})
