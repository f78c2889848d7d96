/** JSON responses for API Gateway HTTP API (payload format 2.0). */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda'

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  }
}

export function problem(
  statusCode: number,
  message: string,
  details: string[] = []
): APIGatewayProxyStructuredResultV2 {
  return json(statusCode, details.length > 0 ? { message, details } : { message })
}

/** The request body as parsed JSON, decoding base64 bodies; `undefined` when it is missing or not JSON. */
export function parseJsonBody(body: string | undefined, isBase64Encoded: boolean): unknown {
  if (body === undefined || body === '') return undefined
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
