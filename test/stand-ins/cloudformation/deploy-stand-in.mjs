#!/usr/bin/env node
// A user's `deploy-command` (think `sam deploy --tags $PYRAMID_STACK_TAGS`) that creates its stacks through
// the simulator with the real SDK (AWS_ENDPOINT_URL from the environment the action gives the deploy):
//   deploy-stand-in.mjs deploy-command   → CreateStack for each of PYRAMID_STACK_NAMES with the tags of
//                                          PYRAMID_STACK_TAGS (STAND_IN_FAIL=create|delete fails a resource)
//   deploy-stand-in.mjs change-set           → CreateChangeSet (CREATE) for each stack, then waits for a
//                                          review that never comes: the stacks stay REVIEW_IN_PROGRESS
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeStacksCommand
} from '@aws-sdk/client-cloudformation'

const [face] = process.argv.slice(2)
const cfn = new CloudFormationClient({})
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function waitDone(name) {
  for (;;) {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks[0]
    console.log(`${name} | ${s.StackStatus}${s.StackStatusReason ? ` | ${s.StackStatusReason}` : ''}`)
    if (!s.StackStatus.endsWith('_IN_PROGRESS')) return s
    await sleep(Number(process.env.STAND_IN_POLL_MS ?? 100))
  }
}

const Tags = (process.env.PYRAMID_STACK_TAGS ?? '')
  .split(' ')
  .filter(Boolean)
  .map((kv) => ({ Key: kv.slice(0, kv.indexOf('=')), Value: kv.slice(kv.indexOf('=') + 1) }))

if (face === 'deploy-command') {
  const names = (process.env.PYRAMID_STACK_NAMES ?? '').split(',').filter(Boolean)
  const fail = process.env.STAND_IN_FAIL
  const template = {
    Resources: {
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Metadata: fail === 'delete' ? { Simulator: { failDelete: ['Table'] } } : {}
      },
      Queue: {
        Type: 'AWS::SQS::Queue',
        Metadata: fail === 'create' ? { Simulator: { failCreate: ['Queue'] } } : {}
      },
      Nat: { Type: 'AWS::EC2::NatGateway' }
    },
    Outputs: { ApiUrl: { Value: 'http://api.example.test' } }
  }
  let failed = false
  await Promise.all(
    names.map(async (StackName) => {
      await cfn.send(new CreateStackCommand({ StackName, TemplateBody: JSON.stringify(template), Tags }))
      const s = await waitDone(StackName)
      if (s.StackStatus !== 'CREATE_COMPLETE') failed = true
    })
  )
  process.exit(failed ? 1 : 0)
} else if (face === 'change-set') {
  for (const StackName of (process.env.PYRAMID_STACK_NAMES ?? '').split(',').filter(Boolean)) {
    const TemplateBody = JSON.stringify({ Resources: { Table: { Type: 'AWS::DynamoDB::Table' } } })
    const cs = { StackName, ChangeSetName: 'review', ChangeSetType: 'CREATE', TemplateBody, Tags }
    await cfn.send(new CreateChangeSetCommand(cs))
    console.log(`${StackName} | REVIEW_IN_PROGRESS`)
  }
  await sleep(120_000)
} else {
  console.error(`deploy-stand-in: unknown invocation ${process.argv.slice(2).join(' ')}`)
  process.exit(2)
}
