/**
 * The run's cost breakdown as readers see it: runner minutes as GitHub bills them (per job, rounded up
 * to whole minutes; billed and fractional both shown), the four kinds of line told apart in the
 * summary, the terminal, the PR comment and the CTRF report, and rows that add up to the totals shown,
 * per tier and in all. Costs are computed by hand next to each expectation.
 */
import { describe, expect, it } from '@jest/globals'
import { costBreakdown } from '../../src/core/cost/run-cost.js'
import { formatUsd } from '../../src/core/cost/runner-cost.js'
import { commentSection } from '../../src/core/report/comment-section.js'
import { toCtrf } from '../../src/core/report/ctrf.js'
import { fromCtrf } from '../../src/core/report/ctrf-read.js'
import { renderSummary } from '../../src/core/report/summary.js'
import { renderTerminal } from '../../src/core/report/terminal.js'
import { reportView } from '../../src/core/report/view.js'
import type { RunReport } from '../../src/core/results/report.js'
import { allGreen } from '../report/reports.js'

/** allGreen's tiers (12 s, 36 s, 159 s in one job) and a stack of every kind of line. */
function pricedRun(): RunReport {
  const report = allGreen()
  report.costLines = [
    {
      kind: 'metered',
      tier: 'e2e',
      item: 'AWS::EC2::NatGateway × 1',
      usd: 0.045,
      basis: '1 started hour × $0.045/hour (us-east-1 price of 2026-09-20)'
    },
    {
      kind: 'usage-priced',
      tier: 'e2e',
      item: 'AWS::Lambda::Function × 2',
      unitPrice: '$0.20 per 1M requests'
    },
    { kind: 'free', tier: 'e2e', item: 'AWS::IAM::Role × 2' },
    { kind: 'free', tier: 'e2e', item: 'AWS::Lambda::Permission × 2' },
    {
      kind: 'not-priced',
      tier: 'e2e',
      item: 'AWS::Foo::Bar × 1',
      reason: 'AWS::Foo::Bar is not in the price table (add it with prices-file)'
    }
  ]
  report.stacks = { ...report.stacks!, prices: { date: '2026-12-02', origins: ['prices/aws.json'] } }
  return report
}

/** The amounts of the summary's cost table rows (not the total), by tier. */
function summaryRows(md: string): { tier: string; cell: string }[] {
  const table = md.slice(md.indexOf('### 💲 Cost'))
  return [...table.matchAll(/^\| \*\*(unit|integration|e2e)\*\* .* \| (.+) \|$/gm)].map((m) => ({
    tier: m[1]!,
    cell: m[2]!
  }))
}

const dollars = (cells: string[]) =>
  Math.round(cells.filter((c) => c.startsWith('$')).reduce((s, c) => s + Number(c.slice(1)), 0) * 1e4) / 1e4

describe('runner cost as GitHub bills it', () => {
  it('rounds each job up to whole minutes and shows both the fractional and the billed minutes', () => {
    const cost = costBreakdown(allGreen())
    // One job: 12 + 36 + 159 = 207 s = 3.45 min used, billed ⌈3.45⌉ = 4 min.
    expect(cost.jobs).toEqual([{ job: '', usedMs: 207_000, billedMinutes: 4, usdPerMinute: 0.006 }])
    const runner = cost.lines.filter((l) => l.item === 'runner time' || l.item === 'whole-minute rounding')
    expect(
      runner.map((l) => [l.tier, l.item, l.kind === 'metered' && l.usd, l.kind === 'metered' && l.basis])
    ).toEqual([
      ['unit', 'runner time', 0.0012, '0.20 min × $0.006/min'], // 12 s = 0.2 min × $0.006
      ['integration', 'runner time', 0.0036, '0.60 min × $0.006/min'], // 36 s = 0.6 min
      ['e2e', 'runner time', 0.0159, '2.65 min × $0.006/min'], // 159 s = 2.65 min
      // (4 - 3.45) min × $0.006 = $0.0033, on the job's last tier
      ['e2e', 'whole-minute rounding', 0.0033, 'the job used 3.45 min, billed 4 min × $0.006/min']
    ])
    // $0.0012 + $0.0036 + $0.0159 + $0.0033 = $0.024 = 4 min × $0.006, plus DynamoDB's $0.0002.
    expect(cost.totalUsd).toBe(0.0242)
  })

  it('bills each job of a merged run on its own: two shard jobs of 30 s are two billed minutes', () => {
    const report = allGreen()
    const unit = report.tiers.find((t) => t.tier === 'unit')!
    unit.runnerTime = [
      { wallMs: 30_000, usdPerMinute: 0.006, job: 'unit (1)' },
      { wallMs: 30_000, usdPerMinute: 0.006, job: 'unit (2)' }
    ]
    report.tiers = [unit]
    report.costLines = []
    const cost = costBreakdown(report)
    // Fractional: 2 × 0.5 min × $0.006 = $0.006; each job billed 1 whole minute: rounding 2 × $0.003.
    expect(cost.lines.map((l) => [l.item, l.kind === 'metered' && l.usd])).toEqual([
      ['runner time (2 jobs)', 0.006],
      ['whole-minute rounding', 0.003],
      ['whole-minute rounding', 0.003]
    ])
    expect(cost.totalUsd).toBe(0.012) // 2 jobs × 1 min × $0.006
  })

  it('a self-hosted runner (price 0) is free, with no rounding line', () => {
    const report = allGreen()
    for (const t of report.tiers) t.runnerTime = t.runnerTime.map((r) => ({ ...r, usdPerMinute: 0 }))
    report.costLines = []
    const cost = costBreakdown(report)
    expect(cost.lines.map((l) => l.kind)).toEqual(['free', 'free', 'free'])
    expect(cost.totalUsd).toBe(0)
  })
})

describe('the four kinds, everywhere, adding up', () => {
  const report = pricedRun()
  const view = reportView(report)
  // Runner $0.024 billed (as above) + NAT $0.045 = $0.069; the other kinds add nothing.
  const TOTAL = '$0.0690'

  it('the summary: an amount, usage-priced, free and not priced, and rows that add up per tier and in all', () => {
    const md = renderSummary(view)
    const rows = summaryRows(md)
    expect(rows.map((r) => r.cell)).toEqual([
      '$0.0012',
      '$0.0036',
      '$0.0159',
      '$0.0033',
      '$0.0450',
      '*usage-priced*',
      '*free*',
      '*not priced*'
    ])
    expect(md).toContain(`| **total** | **${TOTAL}** |`)
    expect(formatUsd(dollars(rows.map((r) => r.cell)))).toBe(TOTAL)
    // Per tier, the breakdown's rows add up to the tier table's Cost cell.
    for (const tier of ['unit', 'integration', 'e2e']) {
      const cell = new RegExp(`^\\| ${tier} \\|.*\\| (\\$[0-9.]+) \\|$`, 'm').exec(md)?.[1]
      expect(formatUsd(dollars(rows.filter((r) => r.tier === tier).map((r) => r.cell)))).toBe(cell)
    }
    expect(md).toMatch(/\*\*e2e\*\* AWS::IAM::Role × 2, AWS::Lambda::Permission × 2 \| \*free\*/)
    expect(md).toMatch(/AWS::Foo::Bar × 1<br><sub>AWS::Foo::Bar is not in the price table/)
    expect(md).toMatch(/3\.45 min used in one job, billed 4 min/)
    expect(md).toMatch(/price table of 2026-12-02 \(prices\/aws\.json\)/)
  })

  it('the terminal: the same rows, kinds named, and the total', () => {
    const text = renderTerminal(view, { color: false, width: 200 })
    const block = text.slice(text.indexOf('Cost (estimate)'))
    expect(block).toMatch(/^ *e2e +\$0\.0450 {2}AWS::EC2::NatGateway × 1/m)
    expect(block).toMatch(/^ *e2e +usage-priced {2}AWS::Lambda::Function × 2 \(\$0\.20 per 1M requests\)/m)
    expect(block).toMatch(/^ *e2e +free {2}AWS::IAM::Role × 2, AWS::Lambda::Permission × 2$/m)
    expect(block).toMatch(/^ *e2e +not priced {2}AWS::Foo::Bar × 1/m)
    expect(block).toMatch(new RegExp(`^ *total +\\${TOTAL}$`, 'm'))
  })

  it('the PR comment: the total in the headline and the stack lines by kind', () => {
    const section = commentSection(view, { label: 'pyramid' })
    const md = section.blocks.map((b) => b.markdown).join('\n')
    expect(md).toContain(`💲 ${TOTAL}`)
    expect(section.blocks.find((b) => b.id === 'cost')?.markdown).toBe(
      '💲 **E2E stack resources:** $0.0450 · 1 usage-priced, 2 free, 1 not priced (AWS::Foo::Bar × 1) · the job summary has every line'
    )
  })

  it('the CTRF report keeps each kind, so a merged report renders the same lines', () => {
    const back = fromCtrf(JSON.parse(JSON.stringify(toCtrf(report, { name: 'pyramid', version: '1' }))))
    if (!back.ok || back.meta === undefined) throw new Error('not read back')
    expect(back.meta.costLines).toEqual(report.costLines)
    expect(back.meta.stacks?.prices).toEqual({ date: '2026-12-02', origins: ['prices/aws.json'] })
    expect(costBreakdown({ tiers: back.tiers, costLines: back.meta.costLines }).totalUsd).toBe(0.069)
  })
})
