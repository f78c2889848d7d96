/**
 * The Lambda handlers end to end over a real DynamoDB API: POST stores through the SDK client the handler
 * builds from the environment (AWS_ENDPOINT_URL, AWS_REGION, ORDERS_TABLE), GET reads it back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { handler as createOrder } from '../../src/handlers/create-order'
import { handler as getOrder } from '../../src/handlers/get-order'
import { ensureOrdersTable, localClient } from './local-dynamodb'

const savedTable = process.env.ORDERS_TABLE

beforeAll(async () => {
  const client = localClient()
  process.env.ORDERS_TABLE = await ensureOrdersTable(client)
  client.destroy()
})

afterAll(() => {
  if (savedTable === undefined) delete process.env.ORDERS_TABLE
  else process.env.ORDERS_TABLE = savedTable
})

const event = (e: Partial<APIGatewayProxyEventV2>) =>
  ({ isBase64Encoded: false, headers: {}, ...e }) as APIGatewayProxyEventV2

describe('orders handlers on DynamoDB', () => {
  it('creates an order with POST and returns the same order with GET', async () => {
    const posted = await createOrder(
      event({
        body: JSON.stringify({
          customerId: 'cust-it',
          lines: [{ sku: 'MUG-3', quantity: 3, unitPriceCents: 700 }]
        })
      })
    )
    expect(posted.statusCode).toBe(201)
    const created = JSON.parse(posted.body ?? '{}') as { id: string; totalCents: number }
    expect(created.totalCents).toBe(2599)

    const got = await getOrder(event({ pathParameters: { id: created.id } }))
    expect(got.statusCode).toBe(200)
    expect(JSON.parse(got.body ?? '{}')).toEqual(created)
  })

  it('answers 404 for an order that does not exist', async () => {
    const got = await getOrder(event({ pathParameters: { id: 'no-such-order' } }))
    expect(got.statusCode).toBe(404)
  })
})
