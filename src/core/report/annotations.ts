/**
 * Error annotations for failed tests, one per test, at file:line where known, ordered by tier then file.
 * GitHub shows at most 10 error annotations per step (50 per job): the caller emits the first
 * MAX_ERROR_ANNOTATIONS and puts `annotationOverflowNote` in the summary. Annotations are plain text
 * (no markdown), so messages are only cleaned of control characters and bounded. Pure.
 */
import type { RunReport } from '../results/report.js'
import { cleanText, firstLines, truncateText } from './escape.js'
import { failureText, reportView, testTitle } from './view.js'

export interface TestAnnotation {
  message: string
  title: string
  file?: string
  line?: number
}

/** GitHub's per-step limit on error annotations. */
export const MAX_ERROR_ANNOTATIONS = 10
const MESSAGE_LINES = 20
const MESSAGE_CHARS = 4000
const TITLE_CHARS = 200

export function failedTestAnnotations(report: RunReport): TestAnnotation[] {
  return reportView(report).failed.map((t) => {
    const text = failureText(t)
    const message =
      text.trim() === ''
        ? `${t.tier} test failed (no message in the report)`
        : firstLines(text, MESSAGE_LINES, MESSAGE_CHARS)
    return {
      title: truncateText(cleanText(`${t.tier}: ${testTitle(t)}`).replace(/\s+/g, ' '), TITLE_CHARS),
      message,
      ...(t.file !== undefined && t.file !== '' ? { file: t.file } : {}),
      ...(t.file !== undefined && t.file !== '' && t.line !== undefined ? { line: t.line } : {})
    }
  })
}

/**
 * The note for the summary when more failed tests exist than annotations were emitted, e.g.
 * "12 more failed tests are not annotated (GitHub shows at most 10 error annotations per step): see Failed tests below."
 * Undefined when every failed test got an annotation.
 */
export function annotationOverflowNote(
  total: number,
  emitted = Math.min(total, MAX_ERROR_ANNOTATIONS)
): string | undefined {
  const more = total - emitted
  if (more <= 0) return undefined
  const tests = more === 1 ? '1 more failed test is' : `${more.toLocaleString('en-US')} more failed tests are`
  return `${tests} not annotated (GitHub shows at most ${MAX_ERROR_ANNOTATIONS} error annotations per step): they are listed under Failed tests in this summary.`
}
