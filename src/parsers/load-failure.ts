/**
 * Files that did not load, as reports give them: one failed test per file (jest-junit with jest 30 writes
 * two testcases for one such file: the suite's error and jest's own "error" result), and a reason that
 * is the runner's message, not its heading ("● Test suite failed to run").
 */
import type { ParsedTest } from '../core/results/model.js'
import { firstLine } from './limits.js'

const JEST_HEADING = /^\s*●\s*Test suite failed to run\s*/

/** The first line that says why, from a load failure's text. */
export function loadFailureMessage(text: string): string | undefined {
  return firstLine(text.replace(JEST_HEADING, ''))
}

/** One load failure per file (the first, which carries the runner's message), every other test as it is. */
export function foldLoadFailures(tests: ParsedTest[]): ParsedTest[] {
  if (!tests.some((t) => t.loadFailure)) return tests
  const seen = new Set<string>()
  return tests.filter((t) => {
    if (!t.loadFailure) return true
    const unit = t.file ?? t.suite.join('\u0000')
    if (seen.has(unit)) return false
    seen.add(unit)
    return true
  })
}
