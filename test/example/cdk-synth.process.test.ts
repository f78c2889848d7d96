/**
 * The bundled example app synthesises offline into what serverless-test-pyramid needs: stacks named with the
 * run's prefix, tables that are deleted with the stack, and the ApiUrl/TableName outputs the e2e tests use.
 * It runs the example's own CDK CLI (`npx cdk synth`) as a user's workflow would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const EXAMPLE = fileURLToPath(new URL('../../examples/orders-service', import.meta.url))
const PREFIX = 'pyr-123-1'

interface Artifact {
  type: string
  environment?: string
  properties?: { stackName?: string; templateFile?: string }
}
interface Resource {
  Type: string
  DeletionPolicy?: string
  UpdateReplacePolicy?: string
}
interface Template {
  Resources: Record<string, Resource>
  Outputs?: Record<string, unknown>
}

let outDir: string
let stacks: Artifact[]
let templates: Template[]

beforeAll(async () => {
  if (!existsSync(path.join(EXAMPLE, 'node_modules', 'aws-cdk', 'package.json'))) {
    throw new Error(
      `examples/orders-service has no node_modules (or no aws-cdk in it), so its CDK app cannot be synthesised: ` +
        `run \`npm ci --prefix examples/orders-service\` first (CI installs it).`
    )
  }
  outDir = mkdtempSync(path.join(tmpdir(), 'orders-synth-'))
  const env = {
    ...process.env,
    PYRAMID_STACK_PREFIX: PREFIX,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true'
  }
  // `--no`: never let npx download a package called "cdk" if the example's own CLI were missing.
  await promisify(execFile)('npx', ['--no', 'cdk', 'synth', '--no-notices', '--quiet', '-o', outDir], {
    cwd: EXAMPLE,
    env,
    timeout: 120_000
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`cdk synth of examples/orders-service failed: ${error.message}\n${error.stderr ?? ''}`)
  })
  const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, Artifact>
  }
  stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack')
  templates = stacks.map(
    (s) => JSON.parse(readFileSync(path.join(outDir, s.properties!.templateFile!), 'utf8')) as Template
  )
}, 120_000)

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

describe('examples/orders-service cdk synth', () => {
  it('names every stack with PYRAMID_STACK_PREFIX', () => {
    expect(stacks.map((s) => s.properties?.stackName)).toEqual([`${PREFIX}-orders`])
  })

  it('is environment-agnostic, so synth needs no AWS access', () => {
    expect(stacks.map((s) => s.environment)).toEqual(['aws://unknown-account/unknown-region'])
  })

  it('deletes the DynamoDB table with the stack, and retains nothing', () => {
    const resources = templates.flatMap((t) => Object.values(t.Resources))
    const tables = resources.filter((r) => r.Type === 'AWS::DynamoDB::Table')
    expect(tables).toHaveLength(1)
    expect(tables[0]).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' })
    expect(
      resources.filter((r) => r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'RetainExceptOnCreate')
    ).toEqual([])
  })

  it('outputs ApiUrl and TableName', () => {
    expect(Object.keys(templates[0]?.Outputs ?? {}).sort()).toEqual(['ApiUrl', 'TableName'])
  })
})
