/**
 * What a reader needs of a failure, from the runner's message and trace: the assertion and its
 * Expected/Received lines, then the first frames in the project's own code with repo-relative paths.
 * Frames in node_modules and the runtime's internals are dropped (a jest failure is otherwise 8 of 12
 * lines of jest-circus). A pytest failure leads with its message and `E` lines, never the source listing.
 * Untrusted text in, plain lines out (still untrusted: escape them where they are shown). Pure.
 */
import { cleanText } from './escape.js'

export interface ExcerptOptions {
  /** Absolute folders whose prefix is taken off paths (the checkout). */
  roots?: readonly string[]
  /** Frames in the project's code kept after the message (default USER_FRAMES; 0 for the message alone). */
  frames?: number
}

/** Frames in the project's code kept after the message (the place where it threw, and its caller). */
export const USER_FRAMES = 2

/** A stack frame line: JavaScript / Java / C# ("at …"). */
const FRAME = /^\s*at\s\S/
/** Frames that are never the project's: dependencies, the runtime, anonymous promise glue. */
const FOREIGN_FRAME =
  /node_modules[\\/]|\(node:|\bnode:internal\b|\(<anonymous>\)|^\s*at <anonymous>$|\binternal[\\/]/
/** pytest's explanation lines ("E       assert 3 == 2"). */
const PYTEST_E = /^E(?: {1,8}|$)/
/** pytest's closing location line ("tests/test_calc.py:7: AssertionError"). */
const PYTEST_WHERE = /^\S+\.py:\d+: \S/
/** Where GitHub's hosted runners check out a repository: /home/runner/work/<repo>/<repo>/ and the like. */
const RUNNER_CHECKOUT =
  /(?:file:\/\/)?(?:\/home\/runner\/work|\/Users\/runner\/work|[A-Za-z]:\\a)[\\/][^\\/\s]+[\\/][^\\/\s]+[\\/]/g

export function failureExcerpt(
  message: string | undefined,
  trace: string | undefined,
  opts: ExcerptOptions = {}
): string[] {
  const msg = splitLines(message)
  const tr = splitLines(trace)
  const frames = opts.frames ?? USER_FRAMES
  const lines = tr.some((l) => PYTEST_E.test(l)) ? pytestLines(msg, tr) : stackLines(msg, tr, frames)
  return tidy(lines.map((l) => relativePaths(l, opts.roots ?? [])))
}

function splitLines(text: string | undefined): string[] {
  if (text === undefined) return []
  const clean = cleanText(text).replace(/\t/g, '  ')
  return clean.trim() === '' ? [] : clean.split('\n').map((l) => l.trimEnd())
}

/** pytest: the `E` lines (without their prefix) and the location, led by the message when the E lines lack it. */
function pytestLines(msg: string[], trace: string[]): string[] {
  const explained = trace.filter((l) => PYTEST_E.test(l)).map((l) => l.replace(/^E {0,7}/, ''))
  const where = trace.filter((l) => PYTEST_WHERE.test(l)).slice(-1)
  const first = msg.find((l) => l.trim() !== '')
  const lead = first !== undefined && !explained.some((l) => l.includes(first.trim())) ? msg : []
  return [...lead, ...explained, ...where]
}

/** Everything else: the message, the trace's non-frame lines, and the first frames in the project's code. */
function stackLines(msg: string[], trace: string[], frames: number): string[] {
  const firstMsg = msg.find((l) => l.trim() !== '')?.trim()
  // Runners repeat the message at the top of the trace; then the trace alone says it all.
  const traceRepeats = firstMsg !== undefined && trace.some((l) => l.includes(firstMsg))
  const all = traceRepeats ? trace : [...msg, ...trace]
  const out: string[] = []
  let userFrames = 0
  for (const line of all) {
    if (!FRAME.test(line)) {
      out.push(line)
      continue
    }
    if (FOREIGN_FRAME.test(line) || userFrames >= frames) continue
    userFrames++
    out.push(line)
  }
  return out
}

function relativePaths(line: string, roots: readonly string[]): string {
  let out = line.replace(RUNNER_CHECKOUT, '')
  for (const root of roots) {
    if (root === '' || root === '/') continue
    const prefix = root.endsWith('/') || root.endsWith('\\') ? root : `${root}/`
    out = out.split(`file://${prefix}`).join('').split(prefix).join('')
  }
  return out
}

/** No leading/trailing blank lines, no runs of blank lines. */
function tidy(lines: readonly string[]): string[] {
  const out: string[] = []
  for (const l of lines) {
    const blank = l.trim() === ''
    if (blank && (out.length === 0 || out[out.length - 1] === '')) continue
    out.push(blank ? '' : l)
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop()
  return out
}

/** The first `n` lines that say something (blank lines skipped): the comment's short form of a failure. */
export function leadLines(excerpt: readonly string[], n: number): string[] {
  return excerpt.filter((l) => l.trim() !== '').slice(0, n)
}
