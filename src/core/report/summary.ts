/**
 * The job summary: a list of sections rendered from a RunReport, fitted under GitHub's step-summary
 * limit. Other features (history trends...) pass their own sections in `extraSections`; they are placed
 * after the run's own sections and before the comment note, and are dropped by their own `dropOrder`.
 */
import type { RunReport } from '../results/report.js'
import { escapeInline } from './escape.js'
import { fitSections, type FitOmissions } from './fit.js'
import { costSection } from './sections/cost.js'
import { failedSection } from './sections/failed.js'
import { flakySection } from './sections/flaky.js'
import { detailsSection, notesSection } from './sections/notes.js'
import { slowestSection } from './sections/slowest.js'
import { stacksSection } from './sections/stacks.js'
import { tiersSection } from './sections/tiers.js'
import { verdictSection } from './sections/verdict.js'
import type { Section } from './section.js'
import { reportView } from './view.js'

/** GitHub drops a step summary over 1 MiB whole; keep a margin for what other steps append. */
export const SUMMARY_HARD_LIMIT_BYTES = 1024 * 1024
export const DEFAULT_SUMMARY_LIMIT_BYTES = SUMMARY_HARD_LIMIT_BYTES - 32 * 1024

export interface SummaryOptions {
  limitBytes?: number
  /** Sections of other features (history trends...), placed after the run's own sections. */
  extraSections?: Section[]
  /** How many failed-test annotations the caller emitted; the failed section says how many more exist. */
  annotationsEmitted?: number
}

/** The run's own sections, in document order (verdict, tiers, notes, failed, flaky, stack, slowest, details, cost). */
export function summarySections(
  report: RunReport,
  opts: Pick<SummaryOptions, 'annotationsEmitted'> = {}
): Section[] {
  const view = reportView(report)
  const sections: (Section | undefined)[] = [
    verdictSection(report, view),
    tiersSection(view),
    notesSection(view),
    failedSection(view, opts.annotationsEmitted),
    flakySection(view, report.failOnFlaky),
    stacksSection(report.stacks),
    slowestSection(view),
    detailsSection(view),
    costSection(report, view)
  ]
  return sections.filter((s): s is Section => s !== undefined)
}

export function commentNoteSection(report: RunReport): Section | undefined {
  if (report.commentNote === undefined) return undefined
  return {
    id: 'comment-note',
    title: 'PR comment note',
    dropOrder: 7,
    markdown: `<sub>PR comment: ${escapeInline(report.commentNote, 500)}</sub>`
  }
}

/** The note the fitter appends; `limitBytes` is named so a reader knows why detail is missing. */
export function shortenedNote(limitBytes: number): (omitted: FitOmissions) => string {
  return (o) => {
    const what: string[] = []
    if (o.compacted.length > 0) what.push(`shortened ${o.compacted.join(', ')}`)
    if (o.dropped.length > 0) what.push(`left out ${o.dropped.join(', ')}`)
    const kib = Math.floor(limitBytes / 1024).toLocaleString('en-US')
    return `> [!NOTE]\n> This summary was cut to stay under ${kib} KiB (GitHub drops a step summary over 1 MiB): ${what.join('; ')}. The CTRF report file has every test.`
  }
}

export function renderSummary(report: RunReport, opts: SummaryOptions = {}): string {
  const limitBytes = opts.limitBytes ?? DEFAULT_SUMMARY_LIMIT_BYTES
  const comment = commentNoteSection(report)
  const sections = [
    ...summarySections(report, opts),
    ...(opts.extraSections ?? []),
    ...(comment ? [comment] : [])
  ]
  return fitSections(sections, limitBytes, shortenedNote(limitBytes)).markdown
}
