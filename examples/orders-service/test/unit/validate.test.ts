import { describe, expect, it } from '@jest/globals'
import { MAX_LINES, validateNewOrder } from '../../src/domain/validate'

const valid = { customerId: 'cust-7', lines: [{ sku: 'BOOK-42', quantity: 2, unitPriceCents: 1250 }] }

describe('validateNewOrder', () => {
  it('accepts a well-formed order and keeps only known fields', () => {
    const result = validateNewOrder({
      customerId: '  cust-7 ',
      lines: [{ sku: 'BOOK-42', quantity: 2, unitPriceCents: 1250, note: 'x' }],
      admin: true
    })
    expect(result).toEqual({ ok: true, order: valid })
  })

  it.each([
    ['a non-object body', [], 'the body must be a JSON object with customerId and lines'],
    ['a missing customer', { lines: valid.lines }, 'customerId must be a non-empty string'],
    ['no lines', { customerId: 'c', lines: [] }, 'lines must be a non-empty array'],
    [
      'a lower-case sku',
      { customerId: 'c', lines: [{ sku: 'book', quantity: 1, unitPriceCents: 1 }] },
      'lines[0].sku'
    ],
    [
      'a zero quantity',
      { customerId: 'c', lines: [{ sku: 'AB', quantity: 0, unitPriceCents: 1 }] },
      'lines[0].quantity'
    ],
    [
      'a fractional price',
      { customerId: 'c', lines: [{ sku: 'AB', quantity: 1, unitPriceCents: 1.5 }] },
      'lines[0].unitPriceCents'
    ]
  ])('rejects %s', (_case, body, message) => {
    const result = validateNewOrder(body)
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.errors.join('\n')).toContain(message)
  })

  it('reports every problem at once', () => {
    const result = validateNewOrder({
      customerId: '',
      lines: [{ sku: '?', quantity: -1, unitPriceCents: -1 }]
    })
    expect(result.ok ? [] : result.errors).toHaveLength(4)
  })

  it(`refuses more than ${MAX_LINES} lines`, () => {
    const lines = Array.from({ length: MAX_LINES + 1 }, () => valid.lines[0])
    const result = validateNewOrder({ customerId: 'c', lines })
    expect(result.ok ? [] : result.errors).toEqual([
      `lines may hold at most ${MAX_LINES} entries, got ${MAX_LINES + 1}`
    ])
  })
})
