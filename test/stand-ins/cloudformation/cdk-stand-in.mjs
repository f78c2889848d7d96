#!/usr/bin/env node
// A stand-in for the CDK CLI, for the pipeline bench: the two invocations the e2e tier makes, with times
// the bench sets, against the CloudFormation simulator (AWS_ENDPOINT_URL from the action's environment).
// A duration measured on a real run includes the CLI's own start-up, so each invocation lasts its time
// counted from this process's start (performance.timeOrigin), not from when its own start-up is done:
//   cdk synth … -o OUT -c pyramid:stackPrefix=P   → writes OUT/manifest.json with one stack P-orders,
//                                                   ends CDK_STANDIN_SYNTH_MS after the process started
//   cdk deploy --app OUT … --outputs-file F       → CreateStack of each stack with its manifest tags,
//                                                   waits for CREATE_COMPLETE, writes the outputs to F,
//                                                   ends CDK_STANDIN_DEPLOY_MS (if set) after the start
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand
} from '@aws-sdk/client-cloudformation'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const args = process.argv.slice(2)
const after = (flag) => args[args.indexOf(flag) + 1]
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
/** Waits until `ms` after this process started (at once when that has passed). */
const lastUntil = (ms) => sleep(Math.max(0, Number(ms ?? 0) - performance.now()))
const TEMPLATE = { Resources: { Table: { Type: 'AWS::DynamoDB::Table' } } }

if (args[0] === 'synth') {
  const out = after('-o')
  const prefix = after('-c').split('=')[1]
  mkdirSync(out, { recursive: true })
  const stack = {
    type: 'aws:cloudformation:stack',
    displayName: 'Orders',
    properties: { stackName: `${prefix}-orders` }
  }
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ artifacts: { Orders: stack } }))
  await lastUntil(process.env.CDK_STANDIN_SYNTH_MS)
} else if (args[0] === 'deploy') {
  const manifest = JSON.parse(readFileSync(path.join(after('--app'), 'manifest.json'), 'utf8'))
  const cfn = new CloudFormationClient({})
  const outputs = {}
  for (const a of Object.values(manifest.artifacts)) {
    const StackName = a.properties.stackName
    const Tags = Object.entries(a.properties.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
    await cfn.send(new CreateStackCommand({ StackName, TemplateBody: JSON.stringify(TEMPLATE), Tags }))
    for (;;) {
      const s = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks[0]
      if (!s.StackStatus.endsWith('_IN_PROGRESS')) {
        if (s.StackStatus !== 'CREATE_COMPLETE') process.exit(1)
        break
      }
      await sleep(50)
    }
    outputs[StackName] = {}
  }
  mkdirSync(path.dirname(after('--outputs-file')), { recursive: true })
  writeFileSync(after('--outputs-file'), JSON.stringify(outputs))
  await lastUntil(process.env.CDK_STANDIN_DEPLOY_MS)
} else {
  console.error(`cdk-stand-in: unknown invocation ${args.join(' ')}`)
  process.exit(2)
}
