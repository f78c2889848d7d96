/**
 * Failed tests: the first ones with a link to their place and the excerpt of the failure in a code block,
 * the next ones as a list of names, then a count of the rest. The compact form keeps only the list.
 */
import { MAX_ERROR_ANNOTATIONS } from '../annotations.js'
import { codeBlock, escapeInline, truncateText } from '../escape.js'
import { plural } from '../labels.js'
import type { Section } from '../section.js'
import type { FailureView, ReportView } from '../view.js'
import { bullets, count } from './md.js'
import { placeMarkdown } from './place.js'

export const FAILED_LIMITS = {
  /** Tests shown with their excerpt. */
  detailed: 50,
  /** Further tests listed by name (detailed + listed ≤ the view's FAILURES_KEPT). */
  listed: 250,
  /** Tests listed by name in the compact form. */
  compactListed: 100,
  compactNameChars: 150,
  excerptLines: 12,
  excerptChars: 1500,
  nameChars: 300
}

/**
 * `annotated`: how many failed tests were also emitted as annotations (undefined where none can be, as
 * in a local run): the block then says so, with the right counts.
 */
export function failedSection(view: ReportView, annotated?: number): Section | undefined {
  const { total, shown } = view.failures
  if (total === 0) return undefined
  const note = annotationNote(total, annotated)
  const heading = `### ❌ Failed tests (${count(total)})${note !== undefined ? `\n\n${note}` : ''}`
  const detailed = shown.slice(0, FAILED_LIMITS.detailed)
  const listed = shown.slice(FAILED_LIMITS.detailed, FAILED_LIMITS.detailed + FAILED_LIMITS.listed)
  const parts = [heading, ...detailed.map(detail)]
  if (listed.length > 0) parts.push(nameTable(listed))
  const rest = total - detailed.length - listed.length
  if (rest > 0) parts.push(moreNote(rest))

  const compactShown = shown.slice(0, FAILED_LIMITS.compactListed)
  const compactRest = total - compactShown.length
  const compact = [
    heading,
    nameTable(compactShown, FAILED_LIMITS.compactNameChars),
    ...(compactRest > 0 ? [moreNote(compactRest)] : [])
  ]
  return {
    id: 'failed',
    title: 'failed tests',
    dropOrder: 3,
    markdown: parts.join('\n\n'),
    compact: compact.join('\n\n')
  }
}

/** "The first 10 of 3,003 are also annotated …": only where annotations were emitted. */
function annotationNote(total: number, annotated: number | undefined): string | undefined {
  if (annotated === undefined || annotated === 0) return undefined
  if (annotated >= total)
    return total === 1
      ? 'It is also an error annotation on its line.'
      : 'Each is also an error annotation on its line.'
  return `The first ${count(annotated)} of ${count(total)} are also error annotations on their lines (GitHub shows at most ${MAX_ERROR_ANNOTATIONS} per step).`
}

function detail(f: FailureView): string {
  const head = [`**${f.tier}**`, escapeInline(f.title, FAILED_LIMITS.nameChars)]
  if (f.place !== undefined) head.push(placeMarkdown(f.place))
  const text = truncateText(
    f.excerpt.slice(0, FAILED_LIMITS.excerptLines).join('\n'),
    FAILED_LIMITS.excerptChars
  )
  const hidden = f.excerpt.length - FAILED_LIMITS.excerptLines
  const body =
    f.excerpt.length > 0
      ? codeBlock(hidden > 0 ? `${text}\n… (${plural(hidden, 'more line')})` : text, 'text')
      : '_(no message)_'
  return `${head.join(' · ')}\n\n${body}`
}

/** A list, not a table: a long path wraps in a list item, while a table cell would widen the table. */
function nameTable(tests: readonly FailureView[], nameChars = FAILED_LIMITS.nameChars): string {
  return bullets(
    tests.map((t) => {
      const where = t.place !== undefined ? ` · ${placeMarkdown(t.place)}` : ''
      return `**${t.tier}** · ${escapeInline(t.title, nameChars)}${where}`
    })
  )
}

function moreNote(n: number): string {
  return `… and ${plural(n, 'more failed test')} not listed here: the CTRF report has every test.`
}
