/**
 * The first `k` items of a stream under an order, without holding the stream: what the report view keeps
 * of a run's failed, flaky and slow tests (a 300,000-test run keeps at most `k` of each). Pure.
 */
export class TopK<T> {
  private readonly items: T[] = []
  private seen = 0

  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number
  ) {}

  add(item: T): void {
    this.seen++
    const items = this.items
    if (this.k <= 0) return
    if (items.length === this.k && this.compare(item, items[items.length - 1]!) >= 0) return
    let lo = 0
    let hi = items.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.compare(items[mid]!, item) <= 0) lo = mid + 1
      else hi = mid
    }
    items.splice(lo, 0, item)
    if (items.length > this.k) items.pop()
  }

  /** How many items were added in all. */
  get total(): number {
    return this.seen
  }

  /** The kept items, in order (a copy). */
  list(): T[] {
    return [...this.items]
  }
}
