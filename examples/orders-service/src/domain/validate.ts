/**
 * Validation of a POST /orders body. Pure: it takes `unknown` (parsed JSON) and returns either the typed
 * order or every problem found, so the client can fix them all at once.
 */
import type { NewOrder, OrderLine } from './order'

export const MAX_LINES = 50
export const MAX_QUANTITY = 1000

export type Validation = { ok: true; order: NewOrder } | { ok: false; errors: string[] }

const SKU = /^[A-Z0-9][A-Z0-9-]{1,31}$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function lineErrors(line: unknown, index: number): string[] {
  const at = `lines[${index}]`
  if (!isRecord(line)) return [`${at} must be an object with sku, quantity and unitPriceCents`]
  const errors: string[] = []
  if (typeof line.sku !== 'string' || !SKU.test(line.sku)) {
    errors.push(`${at}.sku must be 2-32 upper-case letters, digits or hyphens (e.g. "BOOK-42")`)
  }
  if (
    !Number.isInteger(line.quantity) ||
    (line.quantity as number) < 1 ||
    (line.quantity as number) > MAX_QUANTITY
  ) {
    errors.push(`${at}.quantity must be a whole number from 1 to ${MAX_QUANTITY}`)
  }
  if (!Number.isInteger(line.unitPriceCents) || (line.unitPriceCents as number) < 0) {
    errors.push(`${at}.unitPriceCents must be a whole number of cents, 0 or more`)
  }
  return errors
}

export function validateNewOrder(body: unknown): Validation {
  if (!isRecord(body))
    return { ok: false, errors: ['the body must be a JSON object with customerId and lines'] }
  const errors: string[] = []
  if (typeof body.customerId !== 'string' || body.customerId.trim() === '') {
    errors.push('customerId must be a non-empty string')
  }
  if (!Array.isArray(body.lines) || body.lines.length === 0) {
    errors.push('lines must be a non-empty array')
  } else if (body.lines.length > MAX_LINES) {
    errors.push(`lines may hold at most ${MAX_LINES} entries, got ${body.lines.length}`)
  } else {
    body.lines.forEach((line, i) => errors.push(...lineErrors(line, i)))
  }
  if (errors.length > 0) return { ok: false, errors }
  const lines = (body.lines as OrderLine[]).map(({ sku, quantity, unitPriceCents }) => ({
    sku,
    quantity,
    unitPriceCents
  }))
  return { ok: true, order: { customerId: (body.customerId as string).trim(), lines } }
}
