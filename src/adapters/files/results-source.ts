/** ResultsSource over the file system: the attempt's results folder plus the tier's glob. */
import { stat } from 'node:fs/promises'
import type { CollectedReports, ResultsSource } from '../../app/ports.js'
import { readReport } from '../../parsers/index.js'
import { findReportFiles } from './find-reports.js'

export const fileResultsSource: ResultsSource = {
  async collect({ dir, globs, cwd, sinceMs }) {
    const inDir = await findReportFiles({ dirs: [dir], globs: [], cwd })
    const fromGlobs = globs.length > 0 ? await findReportFiles({ dirs: [], globs, cwd }) : []
    // A glob may match reports left by an earlier attempt or run: only files written since the attempt began.
    const fresh: string[] = []
    for (const file of fromGlobs) {
      if (inDir.includes(file)) continue
      const s = await stat(file)
      if (s.mtimeMs >= sinceMs - 1000) fresh.push(file)
    }
    const out: CollectedReports = { reports: [], problems: [] }
    for (const file of [...inDir, ...fresh]) {
      const r = await readReport(file)
      if (r.ok) out.reports.push({ file: r.file, report: r.report })
      else out.problems.push({ file: r.file, reason: r.reason })
    }
    return out
  }
}
