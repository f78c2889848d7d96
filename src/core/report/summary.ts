/**
 * The job summary: blocks rendered from the run's view, fitted under GitHub's step-summary limit by
 * choosing compact forms and dropping blocks in their fixed order (docs/reports.md lists it). Other
 * features (history trends...) pass their own blocks in `extraSections`; they are placed after the
 * run's own blocks and before the comment note, and are dropped by their own `dropOrder`.
 */
import { escapeInline } from './escape.js'
import { fitSections, type FitOmissions } from './fit.js'
import { costSection } from './sections/cost.js'
import { failedSection } from './sections/failed.js'
import { failureOutputSection } from './sections/failure-output.js'
import { flakySection } from './sections/flaky.js'
import { detailsSection, notesSection } from './sections/notes.js'
import { slowestSection } from './sections/slowest.js'
import { stacksSection } from './sections/stacks.js'
import { tiersSection } from './sections/tiers.js'
import { timelineSection } from './sections/timeline.js'
import { verdictSection } from './sections/verdict.js'
import type { Section } from './section.js'
import type { ReportView } from './view.js'
import { thousands } from '../thousands.js'

/** GitHub drops a step summary over 1 MiB whole; keep a margin for what other steps append. */
export const SUMMARY_HARD_LIMIT_BYTES = 1024 * 1024
export const DEFAULT_SUMMARY_LIMIT_BYTES = SUMMARY_HARD_LIMIT_BYTES - 32 * 1024

export interface SummaryOptions {
  limitBytes?: number
  /** Sections of other features (history trends...), placed after the run's own sections. */
  extraSections?: Section[]
  /** How many failed-test annotations the caller emitted (undefined where none can be, e.g. locally). */
  annotationsEmitted?: number
}

/** The run's own sections, in document order (verdict, tiers, notes, failed, flaky, stack, timeline, slowest, details, cost). */
export function summarySections(
  view: ReportView,
  opts: Pick<SummaryOptions, 'annotationsEmitted'> = {}
): Section[] {
  const sections: (Section | undefined)[] = [
    verdictSection(view),
    tiersSection(view),
    notesSection(view),
    failureOutputSection(view),
    failedSection(view, opts.annotationsEmitted),
    flakySection(view),
    stacksSection(view.stacks),
    timelineSection(view.timeline),
    slowestSection(view),
    detailsSection(view),
    costSection(view)
  ]
  return sections.filter((s): s is Section => s !== undefined)
}

export function commentNoteSection(view: ReportView): Section | undefined {
  if (view.commentNote === undefined) return undefined
  return {
    id: 'comment-note',
    title: 'PR comment note',
    dropOrder: 7,
    markdown: `<sub>PR comment: ${escapeInline(view.commentNote, 500)}</sub>`
  }
}

/** The note the fitter appends; `limitBytes` is named so a reader knows why detail is missing. */
export function shortenedNote(limitBytes: number): (omitted: FitOmissions) => string {
  return (o) => {
    const what: string[] = []
    if (o.compacted.length > 0) what.push(`shortened ${o.compacted.join(', ')}`)
    if (o.dropped.length > 0) what.push(`left out ${o.dropped.join(', ')}`)
    const kib = thousands(Math.floor(limitBytes / 1024))
    return `> [!NOTE]\n> This summary was cut to stay under ${kib} KiB (GitHub drops a step summary over 1 MiB): ${what.join('; ')}. The CTRF report file has every test.`
  }
}

export function renderSummary(view: ReportView, opts: SummaryOptions = {}): string {
  const limitBytes = opts.limitBytes ?? DEFAULT_SUMMARY_LIMIT_BYTES
  const comment = commentNoteSection(view)
  const sections = [
    ...summarySections(view, opts),
    ...(opts.extraSections ?? []),
    ...(comment ? [comment] : [])
  ]
  return fitSections(sections, limitBytes, shortenedNote(limitBytes)).markdown
}
