/**
 * "Did you mean …?" for a name the user typed: the known name closest to it, when it is near enough
 * to be a misspelling: one edit for a name of up to four characters, two for a longer one (so that a
 * short unknown name such as `rds` is not "corrected" into an unrelated `ses`).
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const typed = name.toLowerCase()
  const limit = typed.length <= 4 ? 1 : 2
  let best: { name: string; distance: number } | undefined
  for (const candidate of known) {
    const d = editDistance(typed, candidate.toLowerCase())
    if (d <= limit && (!best || d < best.distance)) best = { name: candidate, distance: d }
  }
  return best?.name
}

/** ` (did you mean "dynamodb"?)`, or '' when nothing is close. */
export function didYouMean(name: string, known: readonly string[]): string {
  const close = closestName(name, known)
  return close ? ` (did you mean "${close}"?)` : ''
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
    }
    prev = row
  }
  return prev[b.length] ?? 0
}
