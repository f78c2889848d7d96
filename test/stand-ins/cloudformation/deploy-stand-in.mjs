#!/usr/bin/env node
// A deploy stand-in that creates stacks through the simulator with the real SDK (AWS_ENDPOINT_URL from
// the environment the action gives the deploy process). Two faces:
//   deploy-stand-in.mjs cdk synth ...            → runs the real CDK CLI ($REAL_CDK) unchanged
//   deploy-stand-in.mjs cdk deploy --app DIR S.. --outputs-file F ...
//                                                → CreateChangeSet/ExecuteChangeSet of each stack of the
//                                                  synthesized assembly, with the tags in its manifest
//   deploy-stand-in.mjs deploy-command            → CreateStack for each of PYRAMID_STACK_NAMES with the
//                                                  tags of PYRAMID_STACK_TAGS (STAND_IN_FAIL=create fails it)
// It stands in for `cdk deploy`, whose bootstrap calls (SSM, S3 asset upload) the simulator does not serve.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand
} from '@aws-sdk/client-cloudformation'

const [face, verb, ...rest] = process.argv.slice(2)
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

const outputsOf = (s) => Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]))

if (face === 'cdk' && verb !== 'deploy') {
  const r = spawnSync(process.env.REAL_CDK, [verb, ...rest], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
} else if (face === 'cdk') {
  const opt = (name) => rest[rest.indexOf(name) + 1]
  const dir = opt('--app')
  const outputsFile = opt('--outputs-file')
  const selectors = rest.filter(
    (a, i) => !a.startsWith('--') && !rest[i - 1]?.match(/^--(app|outputs-file)$/)
  )
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
  const outputs = {}
  let failed = false
  for (const sel of selectors) {
    const [id, art] = Object.entries(manifest.artifacts).find(([k, a]) => k === sel || a.displayName === sel)
    const name = art.properties.stackName ?? id
    const TemplateBody = readFileSync(path.join(dir, art.properties.templateFile), 'utf8')
    const Tags = Object.entries(art.properties.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
    console.log(`${name}: deploying... [1/1]`)
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: name,
        ChangeSetName: 'cdk-deploy-change-set',
        ChangeSetType: 'CREATE',
        TemplateBody,
        Tags
      })
    )
    await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id, StackName: cs.StackId }))
    await sleep(Number(process.env.STAND_IN_REVIEW_MS ?? 0))
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, StackName: cs.StackId }))
    const s = await waitDone(cs.StackId)
    if (s.StackStatus !== 'CREATE_COMPLETE') {
      console.error(
        `❌  ${name} failed: _ToolkitError: The stack named ${name} failed creation, it may need to be manually deleted from the AWS console: ROLLBACK_COMPLETE`
      )
      failed = true
      break
    }
    outputs[name] = outputsOf(s)
    console.log(` ✅  ${name}`)
  }
  mkdirSync(path.dirname(outputsFile), { recursive: true })
  writeFileSync(outputsFile, JSON.stringify(outputs, null, 2))
  process.exit(failed ? 1 : 0)
} else if (face === 'deploy-command') {
  const names = (process.env.PYRAMID_STACK_NAMES ?? '').split(',').filter(Boolean)
  const Tags = (process.env.PYRAMID_STACK_TAGS ?? '')
    .split(' ')
    .filter(Boolean)
    .map((kv) => ({ Key: kv.slice(0, kv.indexOf('=')), Value: kv.slice(kv.indexOf('=') + 1) }))
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
} else {
  console.error(`deploy-stand-in: unknown invocation ${process.argv.slice(2).join(' ')}`)
  process.exit(2)
}
