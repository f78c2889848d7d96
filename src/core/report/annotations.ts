/**
 * Error annotations for failed tests, one per test, at file:line where known, in report order.
 * GitHub shows at most 10 error annotations per step (50 per job): the caller emits the first
 * MAX_ERROR_ANNOTATIONS and tells the summary how many it emitted. Annotations are plain text (no
 * markdown), so excerpts are only cleaned of control characters and bounded. Pure.
 */
import { cleanText, truncateText } from './escape.js'
import type { ReportView } from './view.js'

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

/** The annotations for the first `max` failed tests of the view. */
export function failedTestAnnotations(view: ReportView, max = MAX_ERROR_ANNOTATIONS): TestAnnotation[] {
  return view.failures.shown.slice(0, max).map((f) => {
    const lines = f.excerpt.slice(0, MESSAGE_LINES)
    const hidden = f.excerpt.length - lines.length
    const message =
      lines.length === 0
        ? `${f.tier} test failed (no message in the report)`
        : truncateText(lines.join('\n'), MESSAGE_CHARS) + (hidden > 0 ? `\n… (${hidden} more lines)` : '')
    return {
      title: truncateText(cleanText(`${f.tier}: ${f.title}`).replace(/\s+/g, ' '), TITLE_CHARS),
      message,
      ...(f.place !== undefined ? { file: f.place.file } : {}),
      ...(f.place?.line !== undefined ? { line: f.place.line } : {})
    }
  })
}
