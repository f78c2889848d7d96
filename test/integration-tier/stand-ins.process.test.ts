/**
 * The stand-ins hold to the facts read from LocalStack's source (v4.14.0) and Docker's behaviour, so that
 * the lifecycle tests built on them test against those facts and not against our assumptions.
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { freePort, waitForPort } from '../stand-ins/docker/harness.js'
import { standInsPerTest } from '../stand-ins/docker/per-test.js'
import { getJson } from './scenario.js'

const standIns = standInsPerTest()

async function docker(args: string[], settings: Record<string, string> = {}) {
  try {
    const { stdout } = await promisify(execFile)('docker', args, {
      env: standIns().env(settings) as NodeJS.ProcessEnv
    })
    return { code: 0, out: stdout.trim() }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, out: `${e.stdout}${e.stderr}`.trim() }
  }
}
const exitCode = async (name: string) => JSON.parse((await docker(['inspect', name])).out).ExitCode as number

describe('the docker stand-in', () => {
  it('has the tags LocalStack pushes, and refuses the others', async () => {
    for (const tag of ['4.14.0', '4.14', '4', '4.14.0-amd64', '4-arm64', '3.8.1', 'latest', '2026.3.0'])
      expect(await docker(['pull', `localstack/localstack:${tag}`])).toMatchObject({ code: 0 })
    expect(await docker(['pull', 'localstack/localstack:4.15.0'])).toMatchObject({
      code: 1,
      out: expect.stringContaining('manifest unknown')
    })
  })

  it('a graceful stop of LocalStack exits 0; a stop of an exited container keeps its code', async () => {
    const port = await freePort()
    await docker(['run', '-d', '--name', 'ls', '-p', `${port}:4566`, 'localstack/localstack:4.14.0'])
    // Stopped once it answers (its SIGTERM handler is in place by then, as LocalStack's runtime's is).
    await waitForPort(port, 30_000)
    expect(await docker(['stop', '-t', '20', 'ls'])).toEqual({ code: 0, out: 'ls' })
    expect(await exitCode('ls')).toBe(0)

    await docker(['run', '-d', '--name', 'paid', '-p', `${port}:4566`, 'localstack/localstack:latest'])
    expect(await exitCode('paid')).toBe(55)
    await docker(['stop', '-t', '20', 'paid'])
    expect(await exitCode('paid')).toBe(55)
    expect((await docker(['logs', 'paid'])).out).toContain('Localstack returning with exit code 55. Reason: ')
  })

  it('ps --filter name= takes a regular expression, rm --force --volumes takes several ids', async () => {
    for (const name of ['app', 'app-lambda-a-1', 'app-lambda-b-2', 'other-app-lambda-c-3'])
      await docker(['run', '-d', '--name', name, 'public.ecr.aws/lambda/nodejs:20'])
    const ids = (await docker(['ps', '-aq', '--filter', 'name=^app-lambda-'])).out.split('\n')
    expect(ids).toHaveLength(2)
    expect(ids.every((id) => /^[0-9a-f]{12}$/.test(id))).toBe(true)
    expect(await docker(['rm', '--force', '--volumes', ...ids])).toMatchObject({ code: 0 })
    expect(
      standIns()
        .containers()
        .map((c) => c.name)
        .sort()
    ).toEqual(['app', 'other-app-lambda-c-3'])
    expect(await docker(['rm', 'app'])).toMatchObject({
      code: 1,
      out: expect.stringContaining('container is running')
    })
  })
})

describe('the LocalStack stand-in', () => {
  it('answers health, init (every stage) and info in the shapes of services/internal.py', async () => {
    const port = await freePort()
    await standIns().startHealthServer(port, {
      SERVICES: 'dynamodb',
      LOCALSTACK_STANDIN_INIT: 'BOOT:a.sh=SUCCESSFUL,READY:b.sh=SUCCESSFUL'
    })
    const endpoint = `http://127.0.0.1:${port}`
    const health = await getJson(endpoint, '/_localstack/health')
    expect(health).toMatchObject({ edition: 'community', version: '4.14.0' })
    expect(health.services).toMatchObject({
      dynamodb: 'available',
      dynamodbstreams: 'available',
      kinesis: 'available',
      s3: 'disabled'
    })
    expect(Object.keys(health.services as object)).toHaveLength(35)
    expect(await getJson(endpoint, '/_localstack/init')).toEqual({
      completed: { BOOT: true, START: true, READY: true, SHUTDOWN: false },
      scripts: [
        { stage: 'BOOT', name: 'a.sh', state: 'UNKNOWN' },
        { stage: 'READY', name: 'b.sh', state: 'SUCCESSFUL' }
      ]
    })
    expect(await getJson(endpoint, '/_localstack/init/ready')).toEqual({
      completed: true,
      scripts: [{ stage: 'READY', name: 'b.sh', state: 'SUCCESSFUL' }]
    })
    expect(Object.keys(await getJson(endpoint, '/_localstack/info')).sort()).toEqual([
      'edition',
      'is_docker',
      'is_license_activated',
      'machine_id',
      'server_time_utc',
      'session_id',
      'system',
      'uptime',
      'version'
    ])
  })

  it('with strict loading, a composite in SERVICES enables nothing (get_enabled_apis filters before resolving)', async () => {
    const port = await freePort()
    await standIns().startHealthServer(port, { SERVICES: 'serverless', EAGER_SERVICE_LOADING: '1' })
    const { services } = await getJson(`http://127.0.0.1:${port}`, '/_localstack/health')
    expect(new Set(Object.values(services as object))).toEqual(new Set(['disabled']))
  })
})
