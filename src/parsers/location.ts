/** Where a test lives: a line derived from a stack trace, only when a frame points into the test's file. */

const BOUNDARY = new Set(['/', '\\', ' ', '(', '"', "'", '\t', '@', '\n', '['])

/**
 * The line of the first stack frame in `trace` that names `file` followed by `:<line>`.
 * Undefined when there is no file, no trace or no such frame: a line is never guessed.
 */
export function lineFromTrace(trace: string | undefined, file: string | undefined): number | undefined {
  if (!trace || !file) return undefined
  // A relative path ("../src/a.test.js", "./a.test.js") is matched as a suffix of the frame's path.
  const wanted = file.replace(/\\/g, '/').replace(/^(\.\.?\/)+/, '')
  if (wanted.length === 0) return undefined
  const text = trace.replace(/\\/g, '/')
  const needle = `${wanted}:`
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const before = at === 0 ? '\n' : text[at - 1]!
    if (!BOUNDARY.has(before)) continue
    const digits = /^(\d{1,7})/.exec(text.slice(at + needle.length, at + needle.length + 8))
    if (!digits) continue
    const line = Number(digits[1])
    if (line > 0) return line
  }
  return undefined
}

/** A positive integer from an attribute or field, else undefined. */
export function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : NaN
  return Number.isInteger(n) && n > 0 ? n : undefined
}
