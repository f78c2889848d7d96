/**
 * Orders in DynamoDB through the SDK v3 document client. The table name comes from ORDERS_TABLE; the
 * endpoint and region come from the SDK's own environment variables (AWS_ENDPOINT_URL, AWS_REGION), so the
 * same code talks to AWS in Lambda and to LocalStack or a local emulator in integration tests.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Order } from '../domain/order'

export function ordersTableName(env: NodeJS.ProcessEnv = process.env): string {
  const name = env.ORDERS_TABLE
  if (!name) {
    throw new Error(
      'ORDERS_TABLE is not set, so there is no DynamoDB table to use: the CDK stack sets it on each function; ' +
        'in tests, set it to the table the test created.'
    )
  }
  return name
}

export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true }
  })
}

export class OrdersTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string
  ) {}

  /** Stores a new order; an existing id is never overwritten (DynamoDB then throws ConditionalCheckFailed). */
  async put(order: Order): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: order,
        ConditionExpression: 'attribute_not_exists(id)'
      })
    )
  }

  async get(id: string): Promise<Order | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true })
    )
    return result.Item as Order | undefined
  }
}
