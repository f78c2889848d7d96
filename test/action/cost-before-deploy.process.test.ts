/**
 * The cost estimate before the deploy, through the bundled action (dist/main under the simulated
 * runner), on the example app with a VPC added (two NAT gateways), synthesized for real with its own
 * CDK CLI: mode plan shows the hourly estimate and, above cost-warning-usd-per-hour, a warning
 * annotation naming the resources and their hourly prices. The template reading is checked against
 * the CDK's own record of what it synthesized (cdk.out/tree.json). In mode run, above
 * cost-limit-usd-per-hour, the deploy is refused before anything is created.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'
import { readAssemblyStacks } from '../../src/app/e2e/cloud-assembly.js'
import { assemblyResources } from '../../src/app/e2e/templates.js'
import { STAND_IN } from '../e2e-tier/helpers.js'
import { newJob, REPO_ROOT, runStep, type RunnerJob } from '../harness/simulated-runner.js'
import { startSimulator } from '../stand-ins/cloudformation/server.js'
import { orderServiceWithNat, synth } from '../cost/orders-with-nat.js'
import { writeJestWorkspace } from './workspace-fixture.js'

const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
let job: RunnerJob
let app: string

beforeAll(async () => {
  job = newJob({ event: 'push', payload: pushToMain })
  app = orderServiceWithNat(job.workspace)
  await synth(app, 'dev')
}, 200_000)

afterAll(() => rmSync(job.dir, { recursive: true, force: true }))

const plan = (inputs: Record<string, string>) =>
  runStep(job, 'main', {
    inputs: { mode: 'plan', tiers: 'e2e', 'cdk-app-dir': 'orders-with-nat', ...inputs }
  })

describe('the template reading, against what the CDK says it synthesized', () => {
  it('finds every resource of the real template, with the types the CDK recorded in tree.json', async () => {
    const outDir = path.join(app, 'cdk.out')
    const read = await assemblyResources(
      fileWorkspace,
      outDir,
      await readAssemblyStacks(fileWorkspace, outDir)
    )
    const recorded: string[] = []
    const walk = (node: { attributes?: Record<string, unknown>; children?: Record<string, unknown> }) => {
      const type = node.attributes?.['aws:cdk:cloudformation:type']
      if (typeof type === 'string') recorded.push(type)
      for (const child of Object.values(node.children ?? {})) walk(child as typeof node)
    }
    walk(
      (
        JSON.parse(readFileSync(path.join(outDir, 'tree.json'), 'utf8')) as {
          tree: Parameters<typeof walk>[0]
        }
      ).tree
    )
    expect(read.resources.map((r) => r.type).sort()).toEqual(recorded.sort())
    expect(read.resources.filter((r) => r.type === 'AWS::EC2::NatGateway')).toHaveLength(2)
    expect(read.resources.filter((r) => r.type === 'AWS::EC2::EIP')).toHaveLength(2)
    expect(read.notes).toEqual([])
  })
})

describe('mode plan: the hourly estimate before anything is deployed', () => {
  it('in eu-west-1: 2 × $0.048 + 2 × $0.005 = $0.106/hour, above the default 0.10: a warning naming them', async () => {
    const main = await plan({ 'aws-region': 'eu-west-1' })
    expect(main.exitCode).toBe(0)
    expect(main.summary).toContain(
      '**Before the deploy:** estimated **$0.1060/hour** in `eu-west-1` (price table of 2026-12-02; each started hour is billed) · ⚠️ above `cost-warning-usd-per-hour` (0.1)'
    )
    expect(main.summary).toContain('- $0.0960/hour: AWS::EC2::NatGateway × 2')
    expect(main.summary).toContain('- $0.0100/hour: AWS::EC2::EIP × 2')
    expect(main.summary).toMatch(/- \*usage-priced\*: AWS::Lambda::Function × 2/)
    const warnings = main.annotations.filter((a) => a.kind === 'warning')
    expect(warnings).toEqual([
      {
        kind: 'warning',
        props: { title: 'Cost estimate before the deploy' },
        message: expect.stringMatching(
          /^The e2e stacks will cost an estimated \$0\.1060\/hour in eu-west-1 .*AWS::EC2::EIP × 2: 2 × \$0\.005\/hour .*= \$0\.0100\/hour; AWS::EC2::NatGateway × 2: 2 × \$0\.048\/hour \(eu-west-1 price of 2026-09-25\).* = \$0\.0960\/hour\.$/
        )
      }
    ])
  })

  it('in us-east-1: 2 × $0.045 + 2 × $0.005 = $0.100/hour, not above 0.10; above a lower warning it warns', async () => {
    const atDefault = await plan({ 'aws-region': 'us-east-1' })
    expect(atDefault.summary).toContain(
      'estimated **$0.1000/hour** in `us-east-1` (price table of 2026-12-02; each started hour is billed) · within `cost-warning-usd-per-hour` (0.1)'
    )
    expect(atDefault.annotations.filter((a) => a.kind === 'warning')).toEqual([])
    const lower = await plan({ 'aws-region': 'us-east-1', 'cost-warning-usd-per-hour': '0.05' })
    expect(lower.annotations.filter((a) => a.kind === 'warning').map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^The e2e stacks will cost an estimated \$0\.1000\/hour in us-east-1.*NatGateway × 2: 2 × \$0\.045\/hour/
      )
    ])
  })

  it('without cdk.out it says how to get the estimate instead of inventing one', async () => {
    const bare = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(bare, 'main', {
      inputs: { mode: 'plan', tiers: 'e2e', 'aws-region': 'us-east-1' }
    })
    expect(main.exitCode).toBe(0)
    expect(main.summary).toMatch(
      /No estimate: no synthesized templates in `cdk\.out`\. Mode plan runs nothing.*run `npx cdk synth` in `cdk-app-dir`/
    )
    expect(main.summary).not.toMatch(/\$\d+\.\d{4}\/hour/)
  })
})

describe('the CLI plan (dist/cli) shows the same estimate', () => {
  const cliPlan = (...flags: string[]) => {
    const r = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'dist/cli/index.js'), 'plan', '--event', 'push', '--tiers', 'e2e', ...flags],
      {
        cwd: job.workspace,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: job.dir, NO_COLOR: '1' },
        timeout: 120_000
      }
    )
    return { code: r.status, out: r.stdout + r.stderr }
  }

  it('in eu-west-1, with the warning; a bad prices-file is an error naming the entry and the field', () => {
    const good = cliPlan('--cdk-app-dir', 'orders-with-nat', '--aws-region', 'eu-west-1')
    expect(good.code).toBe(0)
    expect(good.out).toContain('estimated **$0.1060/hour** in `eu-west-1`')
    expect(good.out).toMatch(/The e2e stacks will cost an estimated \$0\.1060\/hour in eu-west-1/)

    writeFileSync(
      path.join(job.workspace, 'bad-prices.json'),
      JSON.stringify({
        date: '2026-12-01',
        resources: {
          'AWS::EC2::NatGateway': {
            kind: 'hourly',
            unit: 'hour',
            regions: { 'eu-west-1': { usdPerHour: '0.05', source: 'our invoice' } }
          }
        }
      })
    )
    const bad = cliPlan('--cdk-app-dir', 'orders-with-nat', '--prices-file', 'bad-prices.json')
    expect(bad.code).not.toBe(0)
    expect(bad.out).toMatch(/bad-prices\.json.*AWS::EC2::NatGateway.*eu-west-1.*usdPerHour/s)
  })
})

describe('mode run: above cost-limit-usd-per-hour the deploy is refused', () => {
  it.each(['auto', 'eager'])(
    'prepare: %s — a setup failure with the explanation, no stack is created, and post has nothing to destroy',
    async (prepare) => {
      const sim = await startSimulator({ createMs: 50, deleteMs: 50 })
      const run = newJob({
        event: 'push',
        payload: pushToMain,
        env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }
      })
      // unit runs first; the e2e estimate (and, with eager, the deploy) is prepared beside it.
      writeJestWorkspace(run.workspace)
      writeFileSync(
        path.join(run.workspace, 'template.yaml'),
        [
          'Transform: AWS::Serverless-2016-10-31',
          'Resources:',
          '  Nat:',
          '    Type: AWS::EC2::NatGateway',
          '    Properties: { SubnetId: !Ref Subnet, AllocationId: !GetAtt Eip.AllocationId }',
          '  Eip:',
          '    Type: AWS::EC2::EIP',
          '  Fn:',
          '    Type: AWS::Serverless::Function',
          ''
        ].join('\n')
      )
      const inputs = {
        tiers: 'unit,e2e',
        'deploy-command': `node ${STAND_IN} deploy-command`,
        'stack-names': 'api',
        'template-file': 'template.yaml',
        'cost-limit-usd-per-hour': '0.04',
        prepare,
        'aws-endpoint-url': sim.url,
        'aws-region': 'us-east-1',
        comment: 'never',
        history: 'off'
      }
      try {
        const main = await runStep(run, 'main', { inputs })
        expect(main.exitCode).toBe(1)
        // The summary joins a verdict's words with no-break spaces.
        expect(main.summary).toMatch(/^\| unit \| ✅\u00a0passed \| 1\u00a0passed \|/m)
        // $0.045 + $0.005 = $0.05/hour > $0.04.
        expect(main.summary).toMatch(
          /setup failed: Refusing to deploy: the stacks would cost an estimated \\\$0\.0500\/hour in us-east-1, above cost-limit-usd-per-hour \(0\.04\).*Nothing was deployed\./
        )
        expect(main.summary).toContain('🛑 above `cost-limit-usd-per-hour` (0.04): the deploy is refused')
        expect(sim.model.stacks).toHaveLength(0)
        const post = await runStep(run, 'post', { inputs })
        expect(post.exitCode).toBe(0)
        expect(sim.model.stacks).toHaveLength(0)
      } finally {
        await sim.close()
        rmSync(run.dir, { recursive: true, force: true })
      }
    }
  )
})
