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

/** One space for every run of whitespace, none at the ends. A title that is already so is returned as it is. */
export function normalizeTitle(title: string): string {
  return isNormalized(title) ? title : title.replace(/\s+/g, ' ').trim()
}

/**
 * No whitespace but single inner spaces (`/[^\S ]| {2}|^ | $/` does not match), read in one loop: it is
 * asked of every title of every report, and the regular expression cost ten times more.
 */
function isNormalized(s: string): boolean {
  const n = s.length
  if (n === 0) return true
  if (s.charCodeAt(0) === 0x20 || s.charCodeAt(n - 1) === 0x20) return false
  let space = false
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x20) {
      if (space) return false
      space = true
      continue
    }
    space = false
    if ((c >= 0x09 && c <= 0x0d) || (c >= 0xa0 && isOtherSpace(c))) return false
  }
  return true
}

/** What `\s` matches from U+00A0 on (ECMAScript's WhiteSpace and LineTerminator). */
function isOtherSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/**
 * Normalised suite titles without the empty ones, template leftovers ("undefined") and the file itself.
 * A suite path that is already so is returned as it is (the tests of one suite share its path): never
 * modify the result.
 */
export function normalizeSuite(suite: readonly string[], file?: string): readonly string[] {
  let out: string[] | undefined
  for (let i = 0; i < suite.length; i++) {
    const s = suite[i]!
    const t = normalizeTitle(s)
    const kept = t !== '' && t !== 'undefined' && !namesFile(t, file)
    if (out === undefined) {
      if (kept && t === s) continue
      out = suite.slice(0, i)
    }
    if (kept) out.push(t)
  }
  return out ?? suite
}

/** "a.test.ts" or "src/a.test.ts" for the file src/a.test.ts. */
function namesFile(title: string, file: string | undefined): boolean {
  if (file === undefined || file === '') return false
  const f = forwardSlashes(file)
  const t = forwardSlashes(title)
  return f === t || (f.length > t.length && f.endsWith(t) && f[f.length - t.length - 1] === '/')
}

function forwardSlashes(p: string): string {
  return p.includes('\\') ? p.replace(/\\/g, '/') : p
}

/** " [#2]" for the second case of a repeated title; nothing for the first. */
export function ordinalSuffix(ordinal: number | undefined): string {
  return ordinal !== undefined && ordinal > 1 ? ` [#${ordinal}]` : ''
}

/** The stable id of a test: "file › suite › name", then " [#n]" from the second same-named case on. */
export function testId(t: TestIdentity): string {
  const file = (t.file ?? '').trim()
  return normalizedTestId(file, normalizeSuite(t.suite, file), normalizeTitle(t.name), t.ordinal)
}

/** testId of parts already normalised (a trimmed file, normalizeSuite's path, normalizeTitle's name). */
export function normalizedTestId(
  file: string,
  suite: readonly string[],
  name: string,
  ordinal: number | undefined
): string {
  return testIdPrefix(file, suite) + name + ordinalSuffix(ordinal)
}

/**
 * What the ids of one file and suite path start with: "file › suite › ". Kept once per suite, it makes
 * each id a concatenation of two strings a run holds anyway (the engine keeps such a string as two
 * references, not a copy: ids then cost tens of bytes, not two bytes a character).
 */
export function testIdPrefix(file: string, suite: readonly string[]): string {
  return [file, ...suite].join(SEPARATOR) + SEPARATOR
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
