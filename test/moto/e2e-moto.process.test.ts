/**
 * The e2e tier through the bundled action (dist/main, then dist/post, under the simulated runner) on the
 * example app against moto, an AWS emulator we did not write: a real `cdk bootstrap` (once, as a user
 * does per account), then the action's own `cdk synth` and `cdk deploy` (Lambda assets published to the
 * bootstrap bucket), a test against the deployed DynamoDB table, the destroy — and afterwards moto holds
 * no stack of the run and no table.
 *
 * moto deviations this test works around (FACTS.md): stacks created through change sets get no Outputs,
 * so the table is found through DescribeStackResources; Lambda code does not run without Docker and
 * AWS::ApiGatewayV2 is unsupported, so the example's API tests are not the e2e command here.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStacksCommand
} from '@aws-sdk/client-cloudformation'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { newJob, REPO_ROOT, runStep } from '../harness/simulated-runner.js'
import { describeWithTool, python } from '../real-runners/tools.js'
import { startMoto, type MotoServer } from './moto-server.js'

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'orders-service')
const CDK = path.join(EXAMPLE, 'node_modules', 'aws-cdk', 'bin', 'cdk')
const TABLE_CHECK = path.join(REPO_ROOT, 'test', 'moto', 'table-check.mjs')
const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }
const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}

function motoTool(): { bin: string } | { missing: string } {
  const found = python(['python3', '/usr/bin/python3'], 'moto.server')
  if ('bin' in found) return found
  return { missing: `${found.missing} (install it with pip install 'moto[server]'; .ci/run does)` }
}
const tool = motoTool()
const exampleMissing = !existsSync(CDK)
  ? { missing: 'examples/orders-service has no node_modules: run npm ci --prefix examples/orders-service' }
  : tool

/**
 * A user's checkout of the example in a fresh folder (so cdk.out is written there): its files copied
 * (the CDK bundles Lambda entries only from under the project root), node_modules linked.
 */
function exampleWorkspace(workspace: string): void {
  for (const entry of readdirSync(EXAMPLE)) {
    if (['cdk.out', 'reports', '.pyramid', 'node_modules'].includes(entry)) continue
    cpSync(path.join(EXAMPLE, entry), path.join(workspace, entry), { recursive: true })
  }
  symlinkSync(path.join(EXAMPLE, 'node_modules'), path.join(workspace, 'node_modules'))
}

describeWithTool('e2e tier on moto (bundled action, example app)', exampleMissing, () => {
  let moto: MotoServer
  let env: Record<string, string>
  beforeAll(async () => {
    moto = await startMoto((tool as { bin: string }).bin)
    env = { ...credentials, AWS_REGION: REGION }
    // Bootstrapping is the user's once-per-account step; run from an empty folder (no app to synthesise).
    await promisify(execFile)(
      process.execPath,
      [CDK, 'bootstrap', `aws://${ACCOUNT}/${REGION}`, '--no-notices', '--ci'],
      {
        cwd: mkdtempSync(path.join(os.tmpdir(), 'pyr-bootstrap-')),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, AWS_ENDPOINT_URL: moto.url },
        maxBuffer: 16 * 1024 * 1024
      }
    )
  }, 180_000)
  afterAll(async () => {
    await moto?.close()
  })

  it('cdk deploy, a test against the deployed table, destroy: moto holds nothing of the run', async () => {
    const job = newJob({ event: 'push', payload: pushToMain, env })
    exampleWorkspace(job.workspace)
    const inputs = {
      tiers: 'e2e',
      'aws-endpoint-url': moto.url,
      'aws-region': REGION,
      'allowed-account-ids': ACCOUNT,
      'e2e-command': `node ${TABLE_CHECK}`,
      comment: 'never',
      history: 'off',
      retries: '0'
    }
    const main = await runStep(job, 'main', { inputs, timeoutMs: 300_000 })
    const why = `${main.stdout}\n${main.stderr}`
    if (main.exitCode !== 0) throw new Error(`main exited ${main.exitCode}:\n${why}\n${main.summary}`)
    expect(main.outputs.result).toBe('success')
    expect(why).toMatch(/table-check: wrote and read moto-4242 in \S+ \(stack pyr-4242-1-orders\)/)
    expect(main.outputs['stack-names']).toBe('pyr-4242-1-orders')
    expect(main.summary).toMatch(/DELETE_COMPLETE/)
    expect(main.outputs.passed).toBe('1')
    const table = /wrote and read moto-4242 in (\S+)/.exec(why)![1]!

    const post = await runStep(job, 'post', { inputs, timeoutMs: 120_000 })
    expect(post.exitCode).toBe(0)

    const cfn = new CloudFormationClient({ endpoint: moto.url, region: REGION, credentials: keys() })
    const all = (await cfn.send(new ListStacksCommand({}))).StackSummaries ?? []
    const ours = all.filter((s) => s.StackName === 'pyr-4242-1-orders')
    expect(ours.length).toBeGreaterThan(0)
    expect(ours.map((s) => s.StackStatus)).toEqual(ours.map(() => 'DELETE_COMPLETE'))
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'pyr-4242-1-orders' }))).rejects.toThrow(
      /does not exist/
    )
    const dynamo = createRequire(path.join(EXAMPLE, 'package.json'))('@aws-sdk/client-dynamodb') as {
      DynamoDBClient: new (c: object) => { send: (c: object) => Promise<unknown> }
      DescribeTableCommand: new (i: object) => object
    }
    const db = new dynamo.DynamoDBClient({ endpoint: moto.url, region: REGION, credentials: keys() })
    await expect(db.send(new dynamo.DescribeTableCommand({ TableName: table }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException'
    })
  }, 400_000)
})

function keys() {
  return { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY }
}
