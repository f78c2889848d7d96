/**
 * Child process for memory checks: parses one report with readReport and prints one JSON line with the
 * outcome, the test count and this process's peak RSS (process.resourceUsage().maxRSS, in KB).
 * Run: node --import tsx test/parsers/parse-child.ts <file>
 */
import { readReport } from '../../src/parsers/index.js'

const file = process.argv[2]
if (!file) throw new Error('usage: parse-child.ts <report file>')
const started = performance.now()
const r = await readReport(file)
const ms = performance.now() - started
const summary = r.ok
  ? {
      ok: true,
      tests: r.report.tests.length,
      attempts: r.report.tests.reduce((n, t) => n + t.attempts.length, 0)
    }
  : { ok: false, reason: r.reason }
process.stdout.write(JSON.stringify({ ...summary, ms, maxRssKb: process.resourceUsage().maxRSS }) + '\n')
