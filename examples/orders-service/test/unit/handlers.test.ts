/** The Lambda handlers with DynamoDB stubbed at the SDK command level (aws-sdk-client-mock). */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { mockClient } from 'aws-sdk-client-mock'
import { handler as createOrder } from '../../src/handlers/create-order'
import { handler as getOrder } from '../../src/handlers/get-order'

const ddb = mockClient(DynamoDBDocumentClient)
const savedTable = process.env.ORDERS_TABLE

function event(overrides: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 {
  return { isBase64Encoded: false, headers: {}, ...overrides } as APIGatewayProxyEventV2
}

const body = (result: { body?: string }): Record<string, unknown> => JSON.parse(result.body ?? '{}')

beforeEach(() => {
  ddb.reset()
  process.env.ORDERS_TABLE = 'orders-unit'
})

afterAll(() => {
  ddb.restore()
  if (savedTable === undefined) delete process.env.ORDERS_TABLE
  else process.env.ORDERS_TABLE = savedTable
})

describe('POST /orders', () => {
  const order = { customerId: 'cust-7', lines: [{ sku: 'BOOK-42', quantity: 2, unitPriceCents: 1050 }] }

  it('prices and stores a valid order, answering 201 with it', async () => {
    ddb.on(PutCommand).resolves({})
    const result = await createOrder(event({ body: JSON.stringify(order) }))

    expect(result.statusCode).toBe(201)
    const created = body(result)
    expect(created).toMatchObject({ ...order, subtotalCents: 2100, shippingCents: 499, totalCents: 2599 })
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/)
    const puts = ddb.commandCalls(PutCommand)
    expect(puts).toHaveLength(1)
    expect(puts[0]!.args[0].input).toEqual({
      TableName: 'orders-unit',
      Item: created,
      ConditionExpression: 'attribute_not_exists(id)'
    })
  })

  it('reads a base64-encoded body', async () => {
    ddb.on(PutCommand).resolves({})
    const result = await createOrder(
      event({ body: Buffer.from(JSON.stringify(order)).toString('base64'), isBase64Encoded: true })
    )
    expect(result.statusCode).toBe(201)
  })

  it('answers 400 with every problem and stores nothing when the order is invalid', async () => {
    const result = await createOrder(event({ body: JSON.stringify({ customerId: '', lines: [] }) }))
    expect(result.statusCode).toBe(400)
    expect(body(result)).toEqual({
      message: 'the order is not valid',
      details: ['customerId must be a non-empty string', 'lines must be a non-empty array']
    })
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0)
  })

  it('answers 400 to a body that is not JSON', async () => {
    const result = await createOrder(event({ body: '{"customerId":' }))
    expect(result.statusCode).toBe(400)
    expect(body(result)).toEqual({ message: 'the request body must be JSON' })
  })

  it('lets a DynamoDB failure surface (API Gateway answers 500, the error is in the logs)', async () => {
    ddb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'))
    await expect(createOrder(event({ body: JSON.stringify(order) }))).rejects.toThrow('ProvisionedThroughput')
  })

  it('says which variable is missing when ORDERS_TABLE is not set', async () => {
    delete process.env.ORDERS_TABLE
    await expect(createOrder(event({ body: JSON.stringify(order) }))).rejects.toThrow(
      /ORDERS_TABLE is not set/
    )
  })
})

describe('GET /orders/{id}', () => {
  it('answers 200 with the stored order', async () => {
    const stored = { id: 'abc-1', customerId: 'cust-7', totalCents: 2599 }
    ddb.on(GetCommand, { TableName: 'orders-unit', Key: { id: 'abc-1' } }).resolves({ Item: stored })
    const result = await getOrder(event({ pathParameters: { id: 'abc-1' } }))
    expect(result.statusCode).toBe(200)
    expect(body(result)).toEqual(stored)
  })

  it('answers 404 when there is no such order', async () => {
    ddb.on(GetCommand).resolves({})
    const result = await getOrder(event({ pathParameters: { id: 'nope' } }))
    expect(result.statusCode).toBe(404)
    expect(body(result)).toEqual({ message: 'order nope does not exist' })
  })

  it('answers 400 to an id that cannot be an order id, without calling DynamoDB', async () => {
    const result = await getOrder(event({ pathParameters: { id: 'x'.repeat(65) } }))
    expect(result.statusCode).toBe(400)
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0)
  })
})
