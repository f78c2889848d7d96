#!/usr/bin/env node
// The e2e command of the moto test: a test against the deployed DynamoDB table. moto gives stacks created
// through change sets (what `cdk deploy` uses) no Outputs, so the table is found the way CloudFormation
// always allows: the stack's resource of type AWS::DynamoDB::Table. Writes an order, reads it back, and
// reports the result as JUnit into PYRAMID_RESULTS_DIR. Uses the example app's DynamoDB client.
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const example = createRequire(path.join(process.cwd(), 'package.json'))
const { DynamoDBClient, GetItemCommand, PutItemCommand } = example('@aws-sdk/client-dynamodb')

const [stack] = (process.env.PYRAMID_STACK_NAMES ?? '').split(',').filter(Boolean)
let failure
let table = process.env.PYRAMID_OUTPUT_TableName
try {
  if (!stack) throw new Error('PYRAMID_STACK_NAMES is empty')
  if (!table) {
    const { StackResources = [] } = await new CloudFormationClient({}).send(
      new DescribeStackResourcesCommand({ StackName: stack })
    )
    table = StackResources.find((r) => r.ResourceType === 'AWS::DynamoDB::Table')?.PhysicalResourceId
    if (!table) throw new Error(`stack ${stack} has no AWS::DynamoDB::Table`)
  }
  const db = new DynamoDBClient({})
  const id = `moto-${process.env.GITHUB_RUN_ID}`
  await db.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, totalCents: { N: '2599' } } }))
  const got = await db.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))
  if (got.Item?.totalCents?.N !== '2599') throw new Error(`read back ${JSON.stringify(got.Item)}`)
  console.log(`table-check: wrote and read ${id} in ${table} (stack ${stack})`)
} catch (err) {
  failure = String(err?.message ?? err)
  console.error(`table-check: ${failure}`)
}

const dir = process.env.PYRAMID_RESULTS_DIR
if (dir) {
  mkdirSync(dir, { recursive: true })
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
  const body = failure ? `<failure message="${esc(failure)}"/>` : ''
  writeFileSync(
    path.join(dir, 'table-check.xml'),
    `<?xml version="1.0"?>\n<testsuites><testsuite name="orders table" tests="1" failures="${failure ? 1 : 0}">` +
      `<testcase classname="orders table" name="writes an order and reads it back" file="test/moto/table-check.mjs">${body}</testcase>` +
      `</testsuite></testsuites>\n`
  )
}
process.exit(failure ? 1 : 0)
