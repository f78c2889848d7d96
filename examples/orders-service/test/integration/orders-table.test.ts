/** OrdersTable against a real DynamoDB API (LocalStack or a local emulator): marshalling, keys, conditions. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { Order } from '../../src/domain/order'
import { priceOrder } from '../../src/domain/pricing'
import { OrdersTable } from '../../src/store/orders-table'
import { ensureOrdersTable, localClient } from './local-dynamodb'

let client: DynamoDBClient
let table: OrdersTable

beforeAll(async () => {
  client = localClient()
  table = new OrdersTable(DynamoDBDocumentClient.from(client), await ensureOrdersTable(client))
})

afterAll(() => client.destroy())

function anOrder(): Order {
  const lines = [
    { sku: 'BOOK-42', quantity: 2, unitPriceCents: 1250 },
    { sku: 'PEN-7', quantity: 10, unitPriceCents: 99 }
  ]
  return {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    customerId: 'cust-it',
    lines,
    ...priceOrder(lines)
  }
}

describe('OrdersTable', () => {
  it('stores an order and reads it back unchanged', async () => {
    const order = anOrder()
    await table.put(order)
    expect(await table.get(order.id)).toEqual(order)
  })

  it('reads nothing for an id that was never stored', async () => {
    expect(await table.get(randomUUID())).toBeUndefined()
  })

  it('never overwrites an existing order', async () => {
    const order = anOrder()
    await table.put(order)
    await expect(table.put({ ...order, totalCents: 1 })).rejects.toBeInstanceOf(
      ConditionalCheckFailedException
    )
    expect((await table.get(order.id))?.totalCents).toBe(order.totalCents)
  })

  it('creating the table again is harmless', async () => {
    await expect(ensureOrdersTable(client)).resolves.toBe(table.tableName)
  })
})
