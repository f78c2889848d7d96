/**
 * Pricing rules. Pure functions over integer cents:
 * - 10% off the subtotal from 100.00 up, rounded down to the cent;
 * - shipping 4.99, free when the discounted subtotal reaches 50.00;
 * - an order of only zero-priced lines ships free (samples).
 */
import type { OrderLine, OrderTotals } from './order'

export const BULK_DISCOUNT_FROM_CENTS = 10_000
export const BULK_DISCOUNT_PERCENT = 10
export const SHIPPING_CENTS = 499
export const FREE_SHIPPING_FROM_CENTS = 5_000

export function subtotalCents(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0)
}

export function discountCents(subtotal: number): number {
  return subtotal >= BULK_DISCOUNT_FROM_CENTS ? Math.floor((subtotal * BULK_DISCOUNT_PERCENT) / 100) : 0
}

export function shippingCents(discountedSubtotal: number): number {
  if (discountedSubtotal === 0 || discountedSubtotal >= FREE_SHIPPING_FROM_CENTS) return 0
  return SHIPPING_CENTS
}

export function priceOrder(lines: readonly OrderLine[]): OrderTotals {
  const subtotal = subtotalCents(lines)
  const discount = discountCents(subtotal)
  const shipping = shippingCents(subtotal - discount)
  return {
    subtotalCents: subtotal,
    discountCents: discount,
    shippingCents: shipping,
    totalCents: subtotal - discount + shipping
  }
}
