import { describe, expect, it } from '@jest/globals'
import { parseHealth } from '../../src/adapters/localstack/health-client.js'
import { containerName } from '../../src/app/integration/container-start.js'
import { judgeHealth } from '../../src/app/integration/health-verdict.js'
import { failedScriptsInLog, judgeInitScripts } from '../../src/app/integration/init-scripts.js'
import { expandServices } from '../../src/core/localstack/service-names.js'
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

  const expect2 = (...names: string[]) => ({
    services: names,
    origin: Object.fromEntries(names.map((n) => [n, n]))
  })
  const both = expect2('dynamodb', 's3')

  it.each([
    [{ dynamodb: 'running', s3: 'running' }, 'running', { kind: 'ready', lazy: [] }],
    // Started with EAGER_SERVICE_LOADING: "available" means not loaded yet.
    [
      { dynamodb: 'available', s3: 'running' },
      'running',
      { kind: 'waiting', pending: [{ service: 'dynamodb', state: 'available' }] }
    ],
    // A lazily loading LocalStack: "available" is as ready as it gets before the first request.
    [{ dynamodb: 'available', s3: 'running' }, 'available', { kind: 'ready', lazy: ['dynamodb'] }],
    [
      { dynamodb: 'starting', s3: 'running' },
      'available',
      { kind: 'waiting', pending: [{ service: 'dynamodb', state: 'starting' }] }
    ],
    [
      { dynamodb: 'stopped', s3: 'unknown' },
      'running',
      {
        kind: 'waiting',
        pending: [
          { service: 'dynamodb', state: 'stopped' },
          { service: 's3', state: 'unknown' }
        ]
      }
    ]
  ] as const)('%j, ready when %s → %j', (services, readyWhen, verdict) => {
    expect(judgeHealth(health(services), both, readyWhen, endpoint)).toEqual(verdict)
  })

  it('names a service in error, a disabled one, and an unknown one with a suggestion', () => {
    const services = { dynamodb: 'error', s3: 'disabled', sqs: 'available' }
    expect(judgeHealth(health(services), expect2('dynamodb'), 'running', endpoint)).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('dynamodb is in state "error"')
    })
    expect(judgeHealth(health(services), expect2('s3'), 'running', endpoint)).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('s3 is disabled')
    })
    const unknown = judgeHealth(health(services), expect2('sqss', 'kinesis'), 'running', endpoint)
    expect(unknown).toEqual({
      kind: 'failed',
      reason:
        'localstack-services names "sqss" (did you mean "sqs"?), "kinesis", which the LocalStack at http://localhost:4566 ' +
        'does not know (LocalStack 4.14.0 community). Fix the name in localstack-services. Known services: dynamodb, s3, sqs.'
    })
  })

  it('expects the expanded set: a dependency LocalStack lacks is named with what needed it', () => {
    const verdict = judgeHealth(
      health({ dynamodb: 'running' }),
      expandServices(['dynamodb']),
      'running',
      endpoint
    )
    expect(verdict).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining(
        'names "dynamodbstreams (for dynamodb)", "kinesis (for dynamodb)", which the LocalStack'
      )
    })
  })

  it('needs only an answer when no services are asked for', () => {
    expect(judgeHealth(health({ s3: 'starting' }), expect2(), 'running', endpoint)).toEqual({
      kind: 'ready',
      lazy: []
    })
  })
})

describe('judging the init scripts', () => {
  const init = (ready: boolean, scripts: { stage: string; name: string; state: string }[]) => ({
    completed: { BOOT: true, START: true, READY: ready, SHUTDOWN: false },
    scripts
  })

  it('waits for the READY stage even with no scripts, and is done after it', () => {
    expect(judgeInitScripts(init(false, []))).toEqual({
      kind: 'waiting',
      why: "LocalStack's READY stage has not run yet"
    })
    expect(judgeInitScripts(init(true, []))).toEqual({ kind: 'done', bootScripts: [] })
    expect(judgeInitScripts(undefined)).toEqual({ kind: 'done', bootScripts: [] })
  })

  it('fails on a script in ERROR in any stage, though LocalStack calls the stage completed', () => {
    const verdict = judgeInitScripts(
      init(true, [
        { stage: 'START', name: 'tables.py', state: 'ERROR' },
        { stage: 'READY', name: 'seed.sh', state: 'SUCCESSFUL' }
      ])
    )
    expect(verdict).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(
        /^LocalStack init script tables\.py \(stage START\) ended in ERROR.* \(in \/etc\/localstack\/init\/start\.d/
      )
    })
  })

  it('hands the BOOT scripts on (the server reports them UNKNOWN), and finds failed ones in the log', () => {
    expect(judgeInitScripts(init(true, [{ stage: 'BOOT', name: 'certs.sh', state: 'UNKNOWN' }]))).toEqual({
      kind: 'done',
      bootScripts: ['certs.sh']
    })
    expect(
      failedScriptsInLog([
        'Ready.',
        "Error while running script Script(path='/etc/localstack/init/boot.d/certs.sh', stage=BOOT, state=ERROR): " +
          'Script /etc/localstack/init/boot.d/certs.sh returned a non-zero exit code 1'
      ])
    ).toEqual([{ stage: 'BOOT', name: 'certs.sh' }])
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
