/**
 * Test-result ingestion. A report's format is found from its content, never its name; whatever the file
 * holds (malformed, truncated, empty, binary, huge, hostile), readReport answers with the tests or with
 * the reason it could not read them, naming the file. It never throws. Treat a report as read-only: in
 * big JUnit reports, tests that passed once share frozen attempt arrays (see junit/testcase.ts).
 */
import type { ParsedReport } from '../core/results/model.js'
import { ctrfParser } from './json/ctrf.js'
import { jestJsonParser } from './json/jest-json.js'
import { mochaJsonParser } from './json/mocha-json.js'
import { goTestJsonParser } from './go/test2json.js'
import { junitParser } from './junit/index.js'
import type { ReportParser } from './parser.js'
import { ReportError } from './report-error.js'
import { errorMessage } from '../core/error-message.js'
import { sniffFile } from './sniff.js'

export type ReadReportResult =
  { ok: true; file: string; report: ParsedReport } | { ok: false; file: string; reason: string }

/** In order of claim: Jest JSON's and mocha's keys are specific, CTRF's `results` is generic. */
const PARSERS: readonly ReportParser[] = [
  junitParser,
  jestJsonParser,
  mochaJsonParser,
  goTestJsonParser,
  ctrfParser
]

export async function readReport(file: string): Promise<ReadReportResult> {
  try {
    const sniffed = await sniffFile(file)
    const parser = PARSERS.find((p) => p.claims(sniffed.head))
    if (!parser) return { ok: false, file, reason: `${file}: ${notAReport(sniffed.head)}` }
    const report = await parser.parse(file, sniffed)
    return { ok: true, file, report }
  } catch (e) {
    const why = e instanceof ReportError ? e.reason : `it could not be read (${errorMessage(e)})`
    return { ok: false, file, reason: `${file}: ${why}` }
  }
}

/** Says what the file is not, without quoting it: a results folder may hold a link to any local file. */
function notAReport(head: string): string {
  const what = /^[[{]/.test(head)
    ? 'JSON, but not CTRF, Jest/vitest --json, mocha json or go test -json output'
    : "neither XML nor JSON (it does not start with '<' or '{')"
  return `it is ${what}; point the results glob at JUnit XML, CTRF JSON, Jest --json, mocha json or go test -json files`
}
