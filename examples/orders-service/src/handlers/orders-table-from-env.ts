/**
 * The handlers' OrdersTable: one SDK client per Lambda container (created on first use, reused while the
 * container is warm), the table name read from ORDERS_TABLE on every call.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { createDocumentClient, OrdersTable, ordersTableName } from '../store/orders-table'

let client: DynamoDBDocumentClient | undefined

export function ordersTableFromEnv(): OrdersTable {
  client ??= createDocumentClient()
  return new OrdersTable(client, ordersTableName())
}
