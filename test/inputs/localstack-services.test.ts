import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/inputs/input-error.js'
import { readInputs } from '../../src/inputs/read-inputs.js'

const read = (values: Record<string, string>) => readInputs((name) => values[name] ?? '', {})

function problem(values: Record<string, string>): string {
  try {
    read(values)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    const lines = (error as InputError).problems
    expect(lines).toHaveLength(1)
    return lines[0]!
  }
  throw new Error(`readInputs accepted ${JSON.stringify(values)}`)
}

describe('localstack-services, read as LocalStack reads SERVICES', () => {
  it.each([
    ['S3,DynamoDB', ['s3', 'dynamodb']],
    ['serverless,cognito-idp', undefined],
    ['serverless', ['serverless']],
    ['s3:4572, sqs=4576', ['s3', 'sqs']],
    ['dynamodb,DYNAMODB:4569', ['dynamodb']],
    ['resource-groups\nstepfunctions', ['resource-groups', 'stepfunctions']]
  ])('%j → %j', (value, names) => {
    if (names === undefined) return expect(() => read({ 'localstack-services': value })).toThrow(InputError)
    expect(read({ 'localstack-services': value }).integration.localstackServices).toEqual(names)
  })

  it('rejects a misspelt name before anything runs, with the closest name and the list', () => {
    const line = problem({ 'localstack-services': 'dynamdb,s3' })
    expect(line).toMatch(
      /^localstack-services: "dynamdb,s3" has "dynamdb" \(did you mean "dynamodb"\?\), which localstack\/localstack:4\.14\.0 does not have\. LocalStack 4\.14\.0 has acm, apigateway, .*, dynamodb, dynamodbstreams, .*, transcribe; composites: cognito, serverless, timestream\.$/
    )
  })

  it('names a composite whose services the community image does not have', () => {
    expect(problem({ 'localstack-services': 'cognito' })).toContain(
      'has "cognito" (cognito-identity, cognito-idp: not in the community image), which localstack/localstack:4.14.0 does not have.'
    )
  })

  it('leaves names it cannot know to the health check for images beyond the public source, and for external', () => {
    const cases: Record<string, string>[] = [
      { 'localstack-image': 'localstack/localstack:latest', 'localstack-services': 'rds,dynamodb' },
      { 'localstack-image': 'localstack/localstack-pro:4.14.0', 'localstack-services': 'rds' },
      { localstack: 'external', 'localstack-services': 'rds' },
      { localstack: 'off', 'localstack-services': 'dynamdb' }
    ]
    for (const values of cases) {
      expect(read(values).integration.localstackServices).toEqual(values['localstack-services']!.split(','))
    }
  })

  it('checks the floating free tags like the pinned one', () => {
    for (const image of ['localstack/localstack:4.14', 'localstack/localstack:4-arm64']) {
      expect(problem({ 'localstack-image': image, 'localstack-services': 'sqss' })).toContain(
        '"sqss" (did you mean "sqs"?)'
      )
    }
  })
})
