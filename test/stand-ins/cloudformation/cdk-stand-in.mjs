#!/usr/bin/env node
// A stand-in for the CDK CLI, for the pipeline bench: the two invocations the e2e tier makes, with times
// the bench sets, against the CloudFormation simulator (AWS_ENDPOINT_URL from the action's environment):
//   cdk synth … -o OUT -c pyramid:stackPrefix=P   → waits CDK_STANDIN_SYNTH_MS, writes OUT/manifest.json
//                                                   with one stack P-orders
//   cdk deploy --app OUT … --outputs-file F       → CreateStack of each stack with its manifest tags,
//                                                   waits for CREATE_COMPLETE, writes the outputs to F
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand
} from '@aws-sdk/client-cloudformation'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const args = process.argv.slice(2)
const after = (flag) => args[args.indexOf(flag) + 1]
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const TEMPLATE = { Resources: { Table: { Type: 'AWS::DynamoDB::Table' } } }

if (args[0] === 'synth') {
  await sleep(Number(process.env.CDK_STANDIN_SYNTH_MS ?? 0))
  const out = after('-o')
  const prefix = after('-c').split('=')[1]
  mkdirSync(out, { recursive: true })
  const stack = {
    type: 'aws:cloudformation:stack',
    displayName: 'Orders',
    properties: { stackName: `${prefix}-orders` }
  }
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ artifacts: { Orders: stack } }))
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
} else {
  console.error(`cdk-stand-in: unknown invocation ${args.join(' ')}`)
  process.exit(2)
}
