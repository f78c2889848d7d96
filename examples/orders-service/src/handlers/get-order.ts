/** GET /orders/{id}: the stored order, 404 when there is none. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import { json, problem } from './http'
import { ordersTableFromEnv } from './orders-table-from-env'

const ORDER_ID = /^[A-Za-z0-9-]{1,64}$/

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const id = event.pathParameters?.id
  if (id === undefined || !ORDER_ID.test(id)) {
    return problem(400, 'the order id in the path must be 1-64 letters, digits or hyphens')
  }
  const order = await ordersTableFromEnv().get(id)
  return order ? json(200, order) : problem(404, `order ${id} does not exist`)
}
