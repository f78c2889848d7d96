/** The one interface every report format implements. */
import type { ParsedReport, ParsedTest, ReportFormat } from '../core/results/model.js'
import type { Sniffed } from './sniff.js'

export interface ReportParser {
  readonly format: ReportFormat
  /** Whether the decoded first bytes of a file look like this format. Cheap; never reads the file. */
  claims(head: string): boolean
  /** Read the whole file. Throws ReportError (with a reason) for a report it cannot read. */
  parse(file: string, sniffed: Sniffed): Promise<ParsedReport>
}

/** One execution of a test as a report describes it (the action's attempt number is added later). */
export type ParsedAttempt = ParsedTest['attempts'][number]
