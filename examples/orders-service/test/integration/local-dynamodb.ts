/**
 * The integration tier's DynamoDB: whatever AWS_ENDPOINT_URL points at (LocalStack, started by
 * serverless-test-pyramid, or a local emulator such as dynalite). It refuses to run without that variable,
 * so an integration test can never create tables in a real account.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists
} from '@aws-sdk/client-dynamodb'

export const TEST_TABLE = 'orders-integration'

export function localEndpoint(): string {
  const endpoint = process.env.AWS_ENDPOINT_URL
  if (!endpoint) {
    throw new Error(
      'AWS_ENDPOINT_URL is not set: integration tests only run against LocalStack or a local DynamoDB ' +
        '(serverless-test-pyramid sets it; locally, start one and export AWS_ENDPOINT_URL=http://127.0.0.1:<port>)'
    )
  }
  return endpoint
}

export function localClient(): DynamoDBClient {
  return new DynamoDBClient({ endpoint: localEndpoint(), region: process.env.AWS_REGION ?? 'us-east-1' })
}

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }))
    return true
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false
    throw error
  }
}

/** Creates the orders table (same key as the CDK stack's) unless it exists, and waits until it is ACTIVE. */
export async function ensureOrdersTable(client: DynamoDBClient, name = TEST_TABLE): Promise<string> {
  if (!(await tableExists(client, name))) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST'
        })
      )
    } catch (error) {
      // Another test file created it between our check and our create: that is the idempotent outcome.
      if (!(error instanceof ResourceInUseException)) throw error
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 15, minDelay: 1, maxDelay: 1 }, { TableName: name })
  return name
}
