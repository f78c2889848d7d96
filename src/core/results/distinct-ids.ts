/**
 * Which test lists hold each id once. Merging an attempt's tests starts by asking; a list that is known
 * to (what mergeTests returns, and toTestCases' output when it could prove it while building the ids)
 * is not hashed again. Pure: the lists are only remembered, never read here.
 */
import type { TestCase } from './model.js'

const known = new WeakSet<readonly TestCase[]>()

/** Remembers that `tests` holds each id once; returns it. Never modify such a list. */
export function withDistinctIds<T extends readonly TestCase[]>(tests: T): T {
  known.add(tests)
  return tests
}

export function hasDistinctIds(tests: readonly TestCase[]): boolean {
  if (known.has(tests)) return true
  const ids = new Set<string>()
  for (const t of tests) {
    const before = ids.size
    if (ids.add(t.id).size === before) return false
  }
  return true
}

/**
 * The proof toTestCases keeps while it builds ids (`prefix + name + ordinal suffix`, identity.ts). Two
 * ids can only be equal when their prefixes are (no name holds "›" or "[#", so no name can reach into a
 * prefix or fake a suffix), and equal prefixes share their ordinals (each prefix comes from one file and
 * suite path, so from one title key): equal names then got different ordinals. Anything outside these
 * conditions drops the proof, and the ids are hashed as before.
 */
export class DistinctIdProof {
  private readonly keyOfPrefix = new Map<string, string>()
  private lastPrefix: { id: string; key: string } | undefined
  holds = true

  see(prefix: { id: string; key: string }, name: string): void {
    if (!this.holds) return
    if (prefix !== this.lastPrefix) {
      this.lastPrefix = prefix
      const key = this.keyOfPrefix.get(prefix.id)
      if (key === undefined) this.keyOfPrefix.set(prefix.id, prefix.key)
      else if (key !== prefix.key) this.holds = false
    }
    if (name.includes('›') || name.includes('[#')) this.holds = false
  }
}
