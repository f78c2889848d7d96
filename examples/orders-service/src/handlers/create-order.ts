/** POST /orders: validate, price, store, answer 201 with the stored order. */
import { randomUUID } from 'node:crypto'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import type { Order } from '../domain/order'
import { priceOrder } from '../domain/pricing'
import { validateNewOrder } from '../domain/validate'
import { json, parseJsonBody, problem } from './http'
import { ordersTableFromEnv } from './orders-table-from-env'

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const body = parseJsonBody(event.body, event.isBase64Encoded)
  if (body === undefined) return problem(400, 'the request body must be JSON')
  const validation = validateNewOrder(body)
  if (!validation.ok) return problem(400, 'the order is not valid', validation.errors)
  const order: Order = {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    ...validation.order,
    ...priceOrder(validation.order.lines)
  }
  await ordersTableFromEnv().put(order)
  return json(201, order)
}
