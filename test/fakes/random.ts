/**
 * A seeded source of [0, 1) numbers (mulberry32), for tests that choose at random: the seed is printed,
 * and the same seed makes the same choices, so a failure can be run again.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed from `variable` in the environment (to re-run a failure), else a new one. */
export function seedFrom(variable: string, env: Record<string, string | undefined> = process.env): number {
  const given = env[variable]
  if (given !== undefined && /^\d+$/.test(given)) return Number(given)
  return Math.floor(Math.random() * 2 ** 31)
}
