/**
 * Ordinals for tests in report order (identity.ts): the nth test with the same key gets n. A key, the
 * normalised identity without the ordinal, is given in two parts, head + tail: the head is its suite's
 * (one string for all tests of a suite), the tail its name. Counting by head, then by tail, leaves the
 * two strings apart: joining them for a map would copy every test's whole title once more.
 *
 * Two splits can spell one key ("f\0a " + "b c" and "f\0a b " + "c": a describe packed into the name)
 * only where one head is a start of the other. Such related heads count by the whole key; the others
 * by their parts. Every head's tail-taking heads end at a space or NUL, as a suite's do, so a start
 * worth checking is one that ends there; a head that does not, yet takes a non-empty tail, turns
 * every count to whole keys.
 */
export class Ordinals {
  private readonly byHead = new Map<string, Map<string, number>>()
  /** Heads (as keys) that are the starts of other heads, cut after a space or NUL, with those heads. */
  private readonly longer = new Map<string, string[]>()
  /** Counts by whole key, of related heads' tests (all tests' once `everyWhole`). */
  private readonly whole = new Map<string, number>()
  private readonly related = new Set<string>()
  private everyWhole = false
  private lastHead: string | undefined
  private lastTails = new Map<string, number>()
  private lastRelated = false

  next(head: string, tail: string): number {
    if (tail !== '' && !endsAtCut(head) && !this.everyWhole) this.countEveryWhole()
    if (this.everyWhole) return bump(this.whole, head + tail)
    // Tests of a suite come together: the last head is asked first. Relating heads happens only when a
    // head is new, so what was found for the last one holds while it repeats.
    if (head !== this.lastHead) {
      this.lastTails = this.byHead.get(head) ?? this.register(head)
      this.lastHead = head
      this.lastRelated = this.related.has(head)
    }
    return this.lastRelated ? bump(this.whole, head + tail) : bump(this.lastTails, tail)
  }

  /** A new head, related to the heads it starts or that start it. */
  private register(head: string): Map<string, number> {
    const tails = new Map<string, number>()
    this.byHead.set(head, tails)
    const relatives = [...(this.longer.get(head) ?? [])]
    for (const start of cutsOf(head)) {
      if (this.byHead.has(start)) relatives.push(start)
      const heads = this.longer.get(start)
      if (heads) heads.push(head)
      else this.longer.set(start, [head])
    }
    if (relatives.length > 0) for (const h of [head, ...relatives]) this.relate(h)
    return tails
  }

  /** From now on `head` counts by whole keys, starting from what it counted by parts. */
  private relate(head: string): void {
    if (this.related.has(head)) return
    this.related.add(head)
    const tails = this.byHead.get(head)!
    for (const [tail, n] of tails) this.whole.set(head + tail, n)
    tails.clear()
  }

  private countEveryWhole(): void {
    for (const head of this.byHead.keys()) this.relate(head)
    this.everyWhole = true
  }
}

function bump(counts: Map<string, number>, key: string): number {
  const n = (counts.get(key) ?? 0) + 1
  counts.set(key, n)
  return n
}

/** The starts of `head` that end at a space or NUL, shorter than it. */
function cutsOf(head: string): string[] {
  const out: string[] = []
  for (let i = 0; i < head.length - 1; i++) {
    const c = head.charCodeAt(i)
    if (c === 0x20 || c === 0) out.push(head.slice(0, i + 1))
  }
  return out
}

function endsAtCut(head: string): boolean {
  const c = head.charCodeAt(head.length - 1)
  return c === 0x20 || c === 0
}
