/**
 * Bench: the sticky comment of a monorepo's worst run — 30 jobs × 3,000 failures (paths holding
 * `</details>`) — derived, rendered and fitted to GitHub's 65,536 characters. Medians of interleaved
 * runs, beside a baseline measured in the same run: one JSON.stringify of the 30 reports (a pass that
 * touches every test once). Prints figures; asserts nothing.
 */
import { fitStickyBody, type FitInput } from '../src/core/comment/fit.js'
import { commentSection } from '../src/core/report/comment-section.js'
import { reportView } from '../src/core/report/view.js'
import { hostileFailures } from '../test/report/reports.js'

const JOBS = 30
const FAILURES = 3_000
const MAX = 65_536
const RUN = 'https://github.com/acme/orders/actions/runs/987654321/attempts/1'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function ms(f: () => unknown): number {
  const t0 = process.hrtime.bigint()
  f()
  return Number(process.hrtime.bigint() - t0) / 1e6
}

export async function main(runs = 5): Promise<void> {
  const keys = Array.from({ length: JOBS }, (_, i) => `unit-${i + 1}`)
  const reports = keys.map(() => hostileFailures(FAILURES))
  const baseline: number[] = []
  const render: number[] = []
  const fitting: number[] = []
  let size = 0
  for (let i = 0; i < runs; i++) {
    baseline.push(ms(() => reports.map((r) => JSON.stringify(r))))
    let sections = new Map<string, FitInput>()
    render.push(
      ms(() => {
        sections = new Map(keys.map((k, j) => [k, commentSection(reportView(reports[j]!), { label: k })]))
      })
    )
    fitting.push(
      ms(() => {
        size = fitStickyBody({ title: 'Serverless test pyramid', sections }, MAX, RUN).body.length
      })
    )
  }
  const b = median(baseline)
  const r = median(render)
  const f = median(fitting)
  const row = (what: string, v: number, ratio?: number): void =>
    console.log(
      `  ${what.padEnd(42)}${v.toFixed(0).padStart(5)} ms${ratio === undefined ? '' : `   (${ratio.toFixed(2)}× baseline)`}`
    )
  console.log(
    `comment fit + render, ${JOBS} jobs × ${FAILURES.toLocaleString('en-US')} failures (median of ${runs})`
  )
  row('baseline: JSON.stringify of the reports', b)
  row('view + comment section of every job', r, r / b)
  row(`fit to ${MAX.toLocaleString('en-US')} characters`, f, f / b)
  console.log(
    `  the comment: ${size.toLocaleString('en-US')} characters (GitHub's limit: ${MAX.toLocaleString('en-US')})`
  )
}
