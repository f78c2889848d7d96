/**
 * The deployed API, over HTTPS. serverless-test-pyramid deploys the stack, then passes each CloudFormation
 * output as PYRAMID_OUTPUT_<OutputKey>: here PYRAMID_OUTPUT_ApiUrl.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'

let api: string

beforeAll(() => {
  const url = process.env.PYRAMID_OUTPUT_ApiUrl
  if (!url) {
    throw new Error(
      'PYRAMID_OUTPUT_ApiUrl is not set: e2e tests call the deployed API. serverless-test-pyramid sets it from ' +
        'the stack output ApiUrl; by hand, run `npm run deploy` and export the ApiUrl it prints.'
    )
  }
  api = url.replace(/\/+$/, '')
})

/** The JSON the API answers with: an order, or `{ message, details? }`. */
type Reply = { id?: string; details?: string[]; [key: string]: unknown }

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown
): Promise<{ status: number; json: Reply }> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, json: (text === '' ? {} : JSON.parse(text)) as Reply }
}

describe('orders API', () => {
  it('creates an order with POST /orders and reads it back with GET /orders/{id}', async () => {
    const posted = await call('POST', '/orders', {
      customerId: 'cust-e2e',
      lines: [{ sku: 'MUG-3', quantity: 3, unitPriceCents: 700 }]
    })
    expect(posted.status).toBe(201)
    expect(posted.json).toMatchObject({ customerId: 'cust-e2e', totalCents: 2599 })

    const got = await call('GET', `/orders/${String(posted.json.id)}`)
    expect(got.status).toBe(200)
    expect(got.json).toEqual(posted.json)
  })

  it('rejects an invalid order with 400 and the reasons', async () => {
    const posted = await call('POST', '/orders', { customerId: 'cust-e2e', lines: [] })
    expect(posted.status).toBe(400)
    expect(posted.json.details).toContain('lines must be a non-empty array')
  })

  it('answers 404 for an order that does not exist', async () => {
    expect((await call('GET', '/orders/does-not-exist')).status).toBe(404)
  })
})
