/**
 * The identity of a test (SPEC §7): file + suite path + name + its ordinal among the cases of that file
 * with the same suite path and name in one attempt's report. `test.each` cases sharing one title are
 * distinct tests, told apart by their order, and stay matched across attempts and runs by it.
 *
 * Titles are normalised once, here: whitespace runs become one space and the ends are trimmed (jest-junit
 * writes " title" for a test outside any describe), and a suite named "undefined" is dropped (a report
 * template's missing value, e.g. jest-junit's suite of a file whose first test is top-level), and so is
 * a suite named after the test's own file (vitest and Playwright name a file's suite after it). Every
 * name shown, every retry pattern and every history id is built from the normalised parts.
 */

/** What a test's id is made of; a field given as undefined counts as absent (a report without files). */
export interface TestIdentity {
  file?: string | undefined
  suite: readonly string[]
  name: string
  /** 1-based position among same-file, same-suite, same-name cases; absent or 1 for the first. */
  ordinal?: number | undefined
}

const SEPARATOR = ' › '
/** Marks the ordinal of a repeated title. Normalised names never hold "[#" followed by digits and "]". */
const ORDINAL = /^(.*) \[#(\d+)\]$/

/** One space for every run of whitespace, none at the ends. */
export function normalizeTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim()
}

/** Normalised suite titles without the empty ones, template leftovers ("undefined") and the file itself. */
export function normalizeSuite(suite: readonly string[], file?: string): string[] {
  const out: string[] = []
  for (const s of suite) {
    const t = normalizeTitle(s)
    if (t !== '' && t !== 'undefined' && !namesFile(t, file)) out.push(t)
  }
  return out
}

/** "a.test.ts" or "src/a.test.ts" for the file src/a.test.ts. */
function namesFile(title: string, file: string | undefined): boolean {
  if (file === undefined || file === '') return false
  const f = file.replace(/\\/g, '/')
  const t = title.replace(/\\/g, '/')
  return f === t || f.endsWith(`/${t}`)
}

/** " [#2]" for the second case of a repeated title; nothing for the first. */
export function ordinalSuffix(ordinal: number | undefined): string {
  return ordinal !== undefined && ordinal > 1 ? ` [#${ordinal}]` : ''
}

/** The stable id of a test: "file › suite › name", then " [#n]" from the second same-named case on. */
export function testId(t: TestIdentity): string {
  const file = (t.file ?? '').trim()
  return (
    [file, ...normalizeSuite(t.suite, file), normalizeTitle(t.name)].join(SEPARATOR) +
    ordinalSuffix(t.ordinal)
  )
}

/**
 * The same identity for an id string built before titles were normalised (history written by earlier
 * versions: `[file, ...suite, name].join(' › ')`): idempotent, so it can be applied to any stored id.
 */
export function normalizeTestId(id: string): string {
  const ordinal = ORDINAL.exec(id)
  const body = ordinal ? ordinal[1]! : id
  const parts = body.split(SEPARATOR)
  const file = parts[0] ?? ''
  const name = parts.length > 1 ? parts[parts.length - 1]! : ''
  return testId({
    file,
    suite: parts.slice(1, -1),
    name,
    ...(ordinal ? { ordinal: Number(ordinal[2]) } : {})
  })
}

/**
 * Ordinals for tests in report order: the nth test with the same file, suite and name gets n.
 * `key` gives the normalised identity without the ordinal.
 */
export function assignOrdinals<T>(tests: readonly T[], key: (t: T) => string): number[] {
  const seen = new Map<string, number>()
  return tests.map((t) => {
    const k = key(t)
    const n = (seen.get(k) ?? 0) + 1
    seen.set(k, n)
    return n
  })
}
