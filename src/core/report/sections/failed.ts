/**
 * Failed tests: the first ones with their location and the first lines of the message in a code block,
 * the next ones as a table of names, then a count of the rest. The compact form keeps only the table.
 */
import type { TestCase } from '../../results/model.js'
import { annotationOverflowNote } from '../annotations.js'
import { codeBlock, codeSpan, escapeInline, escapeTableCell, firstLines } from '../escape.js'
import { plural } from '../labels.js'
import type { Section } from '../section.js'
import { failureText, testLocation, testTitle, type ReportView } from '../view.js'
import { table } from './md.js'

export const FAILED_LIMITS = {
  /** Tests shown with their message. */
  detailed: 50,
  /** Further tests listed by name. */
  listed: 250,
  /** Tests listed by name in the compact form (small enough for a PR comment's 65,536 characters). */
  compactListed: 100,
  compactNameChars: 150,
  messageLines: 12,
  messageChars: 1500,
  nameChars: 300,
  pathChars: 200
}

export function failedSection(view: ReportView, annotationsEmitted?: number): Section | undefined {
  const failed = view.failed
  if (failed.length === 0) return undefined
  const overflow =
    annotationsEmitted !== undefined ? annotationOverflowNote(failed.length, annotationsEmitted) : undefined
  const heading = `### ❌ Failed tests (${failed.length.toLocaleString('en-US')})${overflow !== undefined ? `\n\n${overflow}` : ''}`
  const detailed = failed.slice(0, FAILED_LIMITS.detailed)
  const listed = failed.slice(FAILED_LIMITS.detailed, FAILED_LIMITS.detailed + FAILED_LIMITS.listed)
  const rest = failed.length - detailed.length - listed.length
  const parts = [heading, ...detailed.map(detail)]
  if (listed.length > 0) parts.push(nameTable(listed))
  if (rest > 0) parts.push(moreNote(rest))

  const compactShown = failed.slice(0, FAILED_LIMITS.compactListed)
  const compactRest = failed.length - compactShown.length
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

function detail(t: TestCase): string {
  const location = testLocation(t)
  const head = [`**${t.tier}**`, escapeInline(testTitle(t), FAILED_LIMITS.nameChars)]
  if (location !== undefined) head.push(codeSpan(location, { maxChars: FAILED_LIMITS.pathChars }))
  const message = failureText(t)
  const body =
    message !== ''
      ? codeBlock(firstLines(message, FAILED_LIMITS.messageLines, FAILED_LIMITS.messageChars), 'text')
      : '_(no message)_'
  return `${head.join(' · ')}\n\n${body}`
}

function nameTable(tests: readonly TestCase[], nameChars = FAILED_LIMITS.nameChars): string {
  const rows = tests.map((t) => {
    const location = testLocation(t)
    return [
      t.tier,
      escapeTableCell(testTitle(t), nameChars),
      location !== undefined ? codeSpan(location, { inTable: true, maxChars: FAILED_LIMITS.pathChars }) : ''
    ]
  })
  return table(['Tier', 'Test', 'Location'], rows)
}

function moreNote(n: number): string {
  return `… and ${plural(n, 'more failed test')} not listed here: the CTRF report has every test.`
}
