/** The order model. Money is always integer cents, so totals never suffer from floating point. */

export interface OrderLine {
  sku: string
  quantity: number
  unitPriceCents: number
}

/** What a client sends to POST /orders. */
export interface NewOrder {
  customerId: string
  lines: OrderLine[]
}

export interface OrderTotals {
  subtotalCents: number
  discountCents: number
  shippingCents: number
  totalCents: number
}

/** What is stored and what GET /orders/{id} returns. */
export interface Order extends NewOrder, OrderTotals {
  id: string
  createdAt: string
}
