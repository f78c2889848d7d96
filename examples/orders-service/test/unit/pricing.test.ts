import { describe, expect, it } from '@jest/globals'
import type { OrderLine } from '../../src/domain/order'
import { discountCents, priceOrder, shippingCents, subtotalCents } from '../../src/domain/pricing'

const line = (quantity: number, unitPriceCents: number, sku = 'BOOK-1'): OrderLine => ({
  sku,
  quantity,
  unitPriceCents
})

describe('pricing', () => {
  it('adds up quantity times unit price over all lines', () => {
    expect(subtotalCents([line(2, 1250), line(1, 399, 'PEN-2')])).toBe(2899)
  })

  it.each([
    [9_999, 0],
    [10_000, 1_000],
    [12_345, 1_234]
  ])(
    'discounts a subtotal of %i cents by %i cents (10%% from 100.00, rounded down)',
    (subtotal, discount) => {
      expect(discountCents(subtotal)).toBe(discount)
    }
  )

  it.each([
    [0, 0],
    [1, 499],
    [4_999, 499],
    [5_000, 0]
  ])('charges %i cents of goods %i cents of shipping', (goods, shipping) => {
    expect(shippingCents(goods)).toBe(shipping)
  })

  it('prices a small order: shipping, no discount', () => {
    expect(priceOrder([line(2, 1050)])).toEqual({
      subtotalCents: 2100,
      discountCents: 0,
      shippingCents: 499,
      totalCents: 2599
    })
  })

  it('prices a large order: discount, free shipping', () => {
    expect(priceOrder([line(4, 3000)])).toEqual({
      subtotalCents: 12000,
      discountCents: 1200,
      shippingCents: 0,
      totalCents: 10800
    })
  })

  it('ships on the discounted subtotal, not the list price', () => {
    // 100.00 list, 90.00 after discount: still above the free-shipping threshold
    expect(priceOrder([line(1, 10_000)]).totalCents).toBe(9_000)
  })
})
