import { devNull } from 'node:os'
import { describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import { standInsPerTest } from '../stand-ins/docker/per-test.js'
import { dockerVerbs, scenario } from './scenario.js'

const standIns = standInsPerTest()

const never = () => new AbortController().signal

function readEnvDump(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
  )
}

describe('credential isolation', () => {
  it('the commands get test/test and the endpoint, and nothing that could reach a real account', async () => {
    const s = await scenario(standIns(), {
      inputs: { setupCommand: 'env > env-dump.txt' },
      baseEnv: {
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSION',
        AWS_SECURITY_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSION',
        AWS_PROFILE: 'production',
        AWS_DEFAULT_PROFILE: 'production',
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/token',
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc',
        AWS_ENDPOINT_URL_DYNAMODB: 'https://dynamodb.us-east-1.amazonaws.com',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
        AWS_REGION: 'eu-west-1',
        KEEP_ME: 'yes'
      }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()

    // What the setup command really saw (the tier runner applies setup.env the same way).
    const seen = readEnvDump(path.join(standIns().dir, 'env-dump.txt'))
    expect(seen).toMatchObject({
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL: s.endpoint,
      AWS_ENDPOINT: s.endpoint,
      LOCALSTACK_ENDPOINT: s.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_CONFIG_FILE: devNull,
      AWS_SHARED_CREDENTIALS_FILE: devNull,
      KEEP_ME: 'yes'
    })
    for (const gone of [
      'AWS_SESSION_TOKEN',
      'AWS_SECURITY_TOKEN',
      'AWS_PROFILE',
      'AWS_DEFAULT_PROFILE',
      'AWS_ROLE_ARN',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'
    ]) {
      expect(seen[gone]).toBeUndefined()
      expect(gone in setup.env && setup.env[gone] === undefined).toBe(true)
    }
    expect(JSON.stringify(seen)).not.toContain('AKIA')
    await s.lifecycle.teardown()
  })

  it('the region comes from aws-region first, and is us-east-1 when nothing says otherwise', async () => {
    const given = await scenario(standIns(), {
      inputs: { localstack: 'off' },
      awsRegion: 'ap-south-1',
      baseEnv: { AWS_REGION: 'eu-west-1' }
    })
    expect((await given.lifecycle.setup(never())).env).toMatchObject({
      AWS_REGION: 'ap-south-1',
      AWS_DEFAULT_REGION: 'ap-south-1'
    })
    const none = await scenario(standIns(), { inputs: { localstack: 'off' } })
    expect((await none.lifecycle.setup(never())).env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1'
    })
  })

  it('localstack: off starts and checks nothing, and still isolates the command', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstack: 'off' },
      baseEnv: { AWS_SESSION_TOKEN: 'x', AWS_ACCESS_KEY_ID: 'AKIAX' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(setup.phases).toEqual([])
    expect(setup.env).toMatchObject({
      AWS_ENDPOINT_URL: s.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SESSION_TOKEN: undefined
    })
    expect(setup.notes[0]?.text).toContain('localstack: off')
    expect(dockerVerbs(standIns())).toEqual([])
    expect((await s.lifecycle.teardown()).phases).toEqual([])
  })
})

describe('the auth token', () => {
  const token = 'ls-SECRET-4f1c2a9e'

  it('is passed by name, masked, and never appears in argv, logs or what setup returns', async () => {
    const s = await scenario(standIns(), {
      inputs: { localstackImage: 'localstack/localstack:latest', localstackAuthToken: token },
      settings: { LOCALSTACK_STANDIN_LOG_TOKEN: '1', LOCALSTACK_STANDIN_STATES: 's3=error' }
    })
    const setup = await s.lifecycle.setup(never())
    // It started (the token reached the container), then failed on s3, so the container log is shown.
    expect(setup.failure).toContain('LocalStack service s3 is in state "error"')
    const run = standIns()
      .calls()
      .find((argv) => argv[0] === 'run')!
    expect(run).toEqual(expect.arrayContaining(['-e', 'LOCALSTACK_AUTH_TOKEN']))
    expect(s.log.masked).toEqual([token])
    const logNote = setup.notes.find((n) => n.text.startsWith('LocalStack container log'))!.text
    expect(logNote).toContain('auth token: ***')
    const down = await s.lifecycle.teardown()

    const everything = [
      standIns().callsText(),
      s.log.lines.join('\n'),
      s.output(),
      JSON.stringify(setup),
      JSON.stringify(down)
    ]
    for (const text of everything) expect(text).not.toContain(token)
  })
})

describe('fork pull requests', () => {
  it('skip the tier when the image needs a token and there is none', async () => {
    const s = await scenario(standIns(), {
      isFork: true,
      inputs: { localstackImage: 'localstack/localstack:latest' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.failure).toBeUndefined()
    expect(setup.skippedReason).toBe(
      'LocalStack image localstack/localstack:latest needs an auth token, and this pull request comes from a fork, ' +
        'which gets no secrets: the integration tier is skipped. To run it on fork pull requests, pin ' +
        'localstack-image: localstack/localstack:4.14.0, the last tag that starts without a token.'
    )
    expect(dockerVerbs(standIns())).toEqual([])
    expect((await s.lifecycle.teardown()).phases).toEqual([])
  })

  it('still run with a pinned free image', async () => {
    const s = await scenario(standIns(), {
      isFork: true,
      inputs: { localstackImage: 'localstack/localstack:4.14.0' }
    })
    const setup = await s.lifecycle.setup(never())
    expect(setup.skippedReason).toBeUndefined()
    expect(setup.failure).toBeUndefined()
    expect(dockerVerbs(standIns())).toContain('run')
    await s.lifecycle.teardown()
  })
})
