/**
 * SDKs that ignore AWS_ENDPOINT_URL, found in lockfiles: a real npm lockfile (npm 11 resolving
 * @aws-sdk/client-dynamodb 3.350.0, test/fixtures/lockfiles), the example app's, and the other formats.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'
import { oldSdkNotes } from '../../src/app/tiers/old-sdk-notes.js'
import { compareVersions, oldSdks, oldSdkWarning } from '../../src/core/sdk/endpoint-support.js'
import { createIntegrationLifecycle } from '../../src/app/integration/localstack-lifecycle.js'
import { createDockerCli } from '../../src/adapters/localstack/docker-cli.js'
import { createHealthClient } from '../../src/adapters/localstack/health-client.js'
import { createShell } from '../../src/adapters/process/shell.js'
import { virtualClock } from '../fakes/clock.js'
import { recordingLog } from '../fakes/log.js'
import { runnerState } from '../fakes/state.js'
import { integrationInputs } from '../integration-tier/fakes.js'

const OLD_LOCK = readFileSync('test/fixtures/lockfiles/old-sdk-package-lock.json', 'utf8')

describe('SDKs too old for AWS_ENDPOINT_URL', () => {
  it('finds the client the project depends on in a real npm lockfile, not the SDK’s own credential clients', () => {
    const found = oldSdks([{ file: 'package-lock.json', text: OLD_LOCK }])
    expect(found).toEqual([
      {
        package: '@aws-sdk/client-dynamodb',
        version: '3.350.0',
        file: 'package-lock.json',
        firstHonouring: '3.428.0'
      }
    ])
    expect(oldSdkWarning(found)).toMatch(
      /ignores AWS_ENDPOINT_URL: @aws-sdk\/client-dynamodb 3\.350\.0 \(package-lock\.json; 3\.428\.0 is the first that does\).*go to AWS, not to LocalStack/
    )
  })

  it('finds nothing in the example app, whose clients are recent', () => {
    const text = readFileSync('examples/orders-service/package-lock.json', 'utf8')
    expect(oldSdks([{ file: 'package-lock.json', text }])).toEqual([])
  })

  it.each([
    [
      'yarn.lock',
      '"@aws-sdk/client-s3@^3.300.0":\n  version "3.400.0"\n  resolved "x"\n',
      '@aws-sdk/client-s3 3.400.0'
    ],
    ['yarn.lock', '"@aws-sdk/client-s3@npm:^3.300.0":\n  version: 3.427.0\n', '@aws-sdk/client-s3 3.427.0'],
    [
      'pnpm-lock.yaml',
      "packages:\n\n  '@aws-sdk/client-sqs@3.410.0':\n    resolution: {}\n",
      '@aws-sdk/client-sqs 3.410.0'
    ],
    [
      'pnpm-lock.yaml',
      'packages:\n  /@aws-sdk/client-sqs@3.410.0:\n    resolution: {}\n',
      '@aws-sdk/client-sqs 3.410.0'
    ],
    ['requirements.txt', 'boto3==1.26.10\nrequests==2.31.0\n', 'boto3 1.26.10'],
    ['poetry.lock', '[[package]]\nname = "botocore"\nversion = "1.29.0"\n', 'botocore 1.29.0'],
    ['Pipfile.lock', '{"default": {"boto3": {"version": "==1.27.1"}}}', 'boto3 1.27.1']
  ])('%s: %j', (file, text, expected) => {
    expect(oldSdks([{ file, text }]).map((f) => `${f.package} ${f.version}`)).toEqual([expected])
  })

  it.each([
    ['yarn.lock', '"@aws-sdk/client-s3@^3.428.0":\n  version "3.428.0"\n'],
    ['requirements.txt', 'boto3==1.28.0\nbotocore==1.31.0\n'],
    ['requirements.txt', 'boto3>=1.20\n'],
    ['yarn.lock', '"@aws-sdk/client-sso@^3.300.0":\n  version "3.300.0"\n'],
    ['package-lock.json', 'not json']
  ])('%s: %j is fine (or says nothing certain)', (file, text) => {
    expect(oldSdks([{ file, text }])).toEqual([])
  })

  it('compares versions numerically', () => {
    expect(compareVersions('3.99.0', '3.428.0')).toBeLessThan(0)
    expect(compareVersions('3.1169.0', '3.428.0')).toBeGreaterThan(0)
    expect(compareVersions('1.31', '1.31.0')).toBe(0)
  })

  it("is read from the working directory's files, as the integration tier does", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pyr-old-sdk-'))
    await writeFile(path.join(dir, 'package-lock.json'), OLD_LOCK)
    await writeFile(path.join(dir, 'requirements-dev.txt'), 'botocore==1.30.9\n')
    const notes = await oldSdkNotes(fileWorkspace, dir)
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ level: 'warning' })
    expect(notes[0]!.text).toMatch(
      /@aws-sdk\/client-dynamodb 3\.350\.0.*botocore 1\.30\.9 \(requirements-dev\.txt/
    )
    expect(await oldSdkNotes(fileWorkspace, path.join(dir, 'nothing-here'))).toEqual([])
  })

  it('the integration tier warns with the reason in its setup notes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pyr-old-sdk-'))
    await writeFile(path.join(dir, 'package-lock.json'), OLD_LOCK)
    const shell = createShell(() => {})
    const lifecycle = createIntegrationLifecycle(
      {
        shell,
        docker: (cwd, env) => createDockerCli(shell, cwd, env),
        health: createHealthClient(),
        clock: virtualClock(),
        log: recordingLog(),
        state: runnerState(),
        files: fileWorkspace
      },
      {
        integration: integrationInputs({ localstack: 'off' }),
        workingDirectory: dir,
        runId: '1',
        runAttempt: 1,
        isFork: false,
        baseEnv: {}
      }
    )
    const setup = await lifecycle.setup(new AbortController().signal)
    await lifecycle.teardown()
    expect(setup.notes.map((n) => n.text).join('\n')).toMatch(
      /@aws-sdk\/client-dynamodb 3\.350\.0.*ignores|ignores AWS_ENDPOINT_URL/
    )
  })
})
