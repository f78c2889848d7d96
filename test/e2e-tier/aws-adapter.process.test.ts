/**
 * The AWS adapter and the simulator's CloudFormation contract (as AWS documents it; the simulator is
 * described in the README's "How it is tested"): endpoints never come from the
 * environment, by-name vs by-StackId lookups, idempotent DeleteStack, and the deploy environment.
 */
import { describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand
} from '@aws-sdk/client-cloudformation'
import { createAwsClients } from '../../src/adapters/aws/clients.js'
import { awsEnvChanges, resolveRegion } from '../../src/app/e2e/aws-environment.js'
import { applyEnvChanges } from '../../src/core/env-changes.js'
import { simulatorPerTest } from './helpers.js'

const sim = simulatorPerTest({ createMs: 10, deleteMs: 10 })

describe('clients', () => {
  it('ignore AWS_ENDPOINT_URL* from the environment when aws-endpoint-url is not given', async () => {
    process.env.AWS_ENDPOINT_URL = sim().url
    process.env.AWS_ENDPOINT_URL_CLOUDFORMATION = sim().url
    const aws = await createAwsClients({ region: 'us-east-1' })
    await expect(aws.cloudFormation.describeStack('x')).rejects.toThrow()
    expect(sim().requests).toHaveLength(0)
  })

  it('use aws-endpoint-url for both STS and CloudFormation when given', async () => {
    const aws = await createAwsClients({ region: 'us-east-1', endpointUrl: sim().url })
    expect((await aws.sts.callerIdentity()).account).toBe('123456789012')
    expect(await aws.cloudFormation.describeStack('missing')).toBeUndefined()
    expect(sim().requests.map((r) => r.action)).toEqual(['GetCallerIdentity', 'DescribeStacks'])
  })
})

describe('simulator contract (what CloudFormation does)', () => {
  it('by name a deleted stack does not exist; by StackId it answers DELETE_COMPLETE; DeleteStack is idempotent', async () => {
    const client = new CloudFormationClient({ region: 'us-east-1', endpoint: sim().url })
    const s = await sim().seed('pyr-1-1-a', { Resources: { Q: { Type: 'AWS::SQS::Queue' } } })
    await client.send(new DeleteStackCommand({ StackName: s.id, ClientRequestToken: 't-1' }))
    await client.send(new DeleteStackCommand({ StackName: s.id, ClientRequestToken: 't-1' }))
    while (s.status !== 'DELETE_COMPLETE') await new Promise((r) => setTimeout(r, 5))
    await expect(client.send(new DescribeStacksCommand({ StackName: 'pyr-1-1-a' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id pyr-1-1-a does not exist'
    })
    const byId = await client.send(new DescribeStacksCommand({ StackName: s.id }))
    expect(byId.Stacks?.[0]?.StackStatus).toBe('DELETE_COMPLETE')
    await expect(client.send(new DeleteStackCommand({ StackName: 'never-existed' }))).resolves.toBeDefined()
    expect(s.events.filter((e) => e.status === 'DELETE_IN_PROGRESS' && e.logicalId === s.name)).toHaveLength(
      1
    )
  })
})

describe('deploy environment', () => {
  const base = {
    PATH: '/bin',
    AWS_ENDPOINT_URL: 'http://localhost:4566',
    AWS_ENDPOINT_URL_S3: 'http://x',
    AWS_ENDPOINT: 'y'
  }
  it('removes every AWS_ENDPOINT_URL* on the real-AWS path and makes the SDK ignore configured endpoints', () => {
    const env = applyEnvChanges(base, awsEnvChanges(base, { region: 'eu-west-1' }))
    expect(env).toEqual({
      PATH: '/bin',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'
    })
  })
  it('points the deploy at aws-endpoint-url when given', () => {
    const env = applyEnvChanges(
      base,
      awsEnvChanges(base, { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' })
    )
    expect(env.AWS_ENDPOINT_URL).toBe('http://127.0.0.1:9')
    expect(env.AWS_ENDPOINT_URL_S3).toBeUndefined()
  })
  it('needs a region from the input or the environment', () => {
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1')
    expect(() => resolveRegion(undefined, {})).toThrow(/set the aws-region input/)
  })
})
