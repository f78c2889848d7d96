/**
 * A test variant of the example app (examples/orders-service) with a VPC added as the CDK builds one by
 * default: a public and a private subnet per AZ and a NAT gateway (with its Elastic IP) in each of the
 * two AZs an environment-agnostic stack gets. The shipped example is left as it is: the app is copied
 * into a temporary folder (its node_modules linked) and its bin/app.ts replaced, then synthesized for
 * real with the example's own CDK CLI.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const EXAMPLE = fileURLToPath(new URL('../../examples/orders-service', import.meta.url))

const APP_WITH_NAT = `import { App } from 'aws-cdk-lib'
import { Vpc } from 'aws-cdk-lib/aws-ec2'
import { OrdersStack } from '../lib/orders-stack'
import { resolveStackPrefix, STACK_PREFIX_CONTEXT, stackName } from '../lib/stack-prefix'

const app = new App()
const prefix = resolveStackPrefix(app.node.tryGetContext(STACK_PREFIX_CONTEXT), process.env)
const stack = new OrdersStack(app, 'Orders', {
  stackName: stackName(prefix, 'orders'),
  description: 'orders-service example with a VPC (serverless-test-pyramid cost test)'
})
// The CDK's default VPC: a NAT gateway in each AZ.
new Vpc(stack, 'Vpc')
`

/** Copies the example into `dir` with the VPC added; returns the app folder. */
export function orderServiceWithNat(dir: string): string {
  if (!existsSync(path.join(EXAMPLE, 'node_modules', 'aws-cdk', 'package.json')))
    throw new Error(
      'examples/orders-service has no node_modules: run `npm ci --prefix examples/orders-service` first (CI does).'
    )
  const app = path.join(dir, 'orders-with-nat')
  mkdirSync(app, { recursive: true })
  cpSync(EXAMPLE, app, {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|cdk\.out)$/.test(src)
  })
  symlinkSync(path.join(EXAMPLE, 'node_modules'), path.join(app, 'node_modules'), 'dir')
  writeFileSync(path.join(app, 'bin', 'app.ts'), APP_WITH_NAT)
  return app
}

/** `npx cdk synth` in the app folder, as a user's workflow step before mode plan would run it. */
export async function synth(app: string, prefix: string): Promise<void> {
  await promisify(execFile)('npx', ['--no', 'cdk', 'synth', '--no-notices', '--quiet'], {
    cwd: app,
    env: {
      ...process.env,
      PYRAMID_STACK_PREFIX: prefix,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true'
    },
    timeout: 180_000
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`cdk synth of the orders-service variant failed: ${error.message}\n${error.stderr ?? ''}`)
  })
}
