import { describe, expect, it } from '@jest/globals'
import { parseHealth } from '../../src/adapters/localstack/health-client.js'
import { containerName } from '../../src/app/integration/container-start.js'
import { judgeHealth } from '../../src/app/integration/health-verdict.js'
import { needsAuthToken } from '../../src/core/localstack/image-policy.js'

describe('which LocalStack images need an auth token', () => {
  it.each([
    ['localstack/localstack:4.14.0', false],
    ['localstack/localstack:4.14', false],
    ['localstack/localstack:4', false],
    ['localstack/localstack:4.14.0-amd64', false],
    ['localstack/localstack:4.14-arm64', false],
    ['localstack/localstack:4-amd64', false],
    ['localstack/localstack:4.13.1', false],
    ['localstack/localstack:3.8', false],
    ['docker.io/localstack/localstack:4.14.0', false],
    ['localstack/localstack:4.14.1', true],
    ['localstack/localstack:4.15', true],
    ['localstack/localstack:5', true],
    ['localstack/localstack:2026.3.0', true],
    ['localstack/localstack:2026.3.0-arm64', true],
    ['localstack/localstack:latest', true],
    ['localstack/localstack:latest-amd64', true],
    ['localstack/localstack:stable', true],
    ['localstack/localstack:4.14.0-bigdata', true],
    ['localstack/localstack:v4.14.0', true],
    ['localstack/localstack', true],
    ['localstack/localstack@sha256:0123abcd', true],
    ['localstack/localstack-pro:4.14.0', true],
    ['registry.example:5000/localstack/localstack:4.14.0', true]
  ])('%s → %s', (image, needs) => {
    expect(needsAuthToken(image)).toBe(needs)
  })
})

describe('judging a health answer', () => {
  const health = (services: Record<string, string>) => ({ services, version: '4.14.0', edition: 'community' })
  const endpoint = 'http://localhost:4566'

  it.each([
    [{ dynamodb: 'available', s3: 'running' }, { kind: 'ready' }],
    [
      { dynamodb: 'starting', s3: 'running' },
      { kind: 'waiting', pending: [{ service: 'dynamodb', state: 'starting' }] }
    ],
    [
      { dynamodb: 'stopped', s3: 'unknown' },
      {
        kind: 'waiting',
        pending: [
          { service: 'dynamodb', state: 'stopped' },
          { service: 's3', state: 'unknown' }
        ]
      }
    ]
  ])('%j → %j', (services, verdict) => {
    expect(judgeHealth(health(services), ['dynamodb', 's3'], endpoint)).toEqual(verdict)
  })

  it('names a service in error, a disabled one, and an unknown one with a suggestion', () => {
    const services = { dynamodb: 'error', s3: 'disabled', sqs: 'available' }
    expect(judgeHealth(health(services), ['dynamodb'], endpoint)).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('dynamodb is in state "error"')
    })
    expect(judgeHealth(health(services), ['s3'], endpoint)).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('s3 is disabled')
    })
    const unknown = judgeHealth(health(services), ['sqss', 'kinesis'], endpoint)
    expect(unknown).toEqual({
      kind: 'failed',
      reason:
        'localstack-services names "sqss" (did you mean "sqs"?), "kinesis", which the LocalStack at http://localhost:4566 ' +
        'does not know (LocalStack 4.14.0 community). Fix the name in localstack-services. Known services: dynamodb, s3, sqs.'
    })
  })

  it('needs only an answer when no services are asked for', () => {
    expect(judgeHealth(health({ s3: 'starting' }), [], endpoint)).toEqual({ kind: 'ready' })
  })
})

describe('reading the health endpoint', () => {
  it('accepts LocalStack health and nothing else', () => {
    expect(parseHealth('{"services":{"s3":"running"},"edition":"community","version":"4.14.0"}')).toEqual({
      services: { s3: 'running' },
      edition: 'community',
      version: '4.14.0'
    })
    expect(parseHealth('{"__type":"com.amazon.coral.validate#ValidationException"}')).toBeUndefined()
    expect(parseHealth('<html>')).toBeUndefined()
    expect(parseHealth('{"services":["s3"]}')).toBeUndefined()
  })
})

describe('the container name', () => {
  it('is unique per run and attempt, in the characters Docker allows', () => {
    expect(containerName('123456789', 2)).toBe('pyramid-localstack-123456789-2')
    expect(containerName('local run/1', 1)).toBe('pyramid-localstack-local-run-1-1')
  })
})
