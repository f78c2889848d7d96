import { describe, expect, it } from '@jest/globals'
import { analyseFlakiness, parityKey } from '../../src/core/history/flakiness.js'
import { appendRun, EMPTY_LEDGER } from '../../src/core/history/ledger.js'
import type { RunRecord } from '../../src/core/history/record.js'
import { commentHistoryBlock, historySections } from '../../src/core/history/sections.js'
import { run } from './runs.js'

/** Feeds runs one by one like default-branch runs do: analyse against the ledger, then append. */
function replay(runs: RunRecord[]) {
  let ledger = EMPTY_LEDGER
  return runs.map((current) => {
    const insights = analyseFlakiness(ledger, current)
    ledger = appendRun(ledger, current)
    return insights
  })
}
const ids = (list: { id: string }[]) => list.map((t) => t.id)

describe('analyseFlakiness on a scripted sequence of runs', () => {
  it('new flaky, then known flaky with its rate, then recovered', () => {
    const seq = [
      run({ sha: 'a1', tests: { checkout: 'flaky', pricing: 'passed' } }),
      run({ sha: 'a2', tests: { checkout: 'passed', pricing: 'passed' } }),
      run({ sha: 'a3', tests: { checkout: 'failed', pricing: 'passed' } }),
      ...Array.from({ length: 10 }, (_, i) =>
        run({ sha: `b${i}`, tests: { checkout: 'passed', pricing: 'passed' } })
      )
    ]
    const out = replay(seq)
    expect(ids(out[0]!.newFlaky)).toEqual(['checkout'])
    expect(out[0]!.knownFlaky).toEqual([])
    expect(ids(out[1]!.knownFlaky)).toEqual(['checkout'])
    expect(out[1]!.knownFlaky[0]!.failureRate).toBeCloseTo(1 / 2)
    expect(out[2]!.knownFlaky[0]).toMatchObject({ id: 'checkout', failures: 2, samples: 3 })
    expect(out[2]!.newFlaky).toEqual([])
    expect(ids(out[11]!.knownFlaky)).toEqual(['checkout']) // 9 clean runs: not yet
    expect(ids(out[12]!.recovered)).toEqual(['checkout'])
    expect(out[12]!.knownFlaky).toEqual([])
    expect(out.flatMap((o) => [...ids(o.newFlaky), ...ids(o.knownFlaky)])).not.toContain('pricing')
  })

  it('mixed outcomes on the same commit (a re-run attempt) are flaky', () => {
    const out = replay([
      run({ sha: 'c1', attempt: 1, tests: { refund: 'failed' } }),
      run({ sha: 'c1', attempt: 2, tests: { refund: 'passed' } })
    ])
    expect(out[0]!.newFlaky).toEqual([])
    expect(out[1]!.newFlaky[0]).toMatchObject({ id: 'refund', flakyNow: true })
    expect(out[1]!.newFlaky[0]!.evidence.join()).toContain('mixed outcomes on c100000')
  })

  it('failure rate over the window needs the minimum sample and separate failure streaks', () => {
    const outcomes = ['passed', 'failed', 'passed', 'passed', 'failed', 'passed'] as const
    const out = replay(outcomes.map((o, i) => run({ sha: `d${i}`, tests: { 'e2e:orders': o } })))
    // At run 5 (4 earlier samples) the pattern fail/pass/fail is not yet enough; from 6 samples it is.
    expect(out[4]!.knownFlaky).toEqual([])
    expect(out[5]!.knownFlaky[0]).toMatchObject({ id: 'orders', tier: 'e2e', failures: 2, samples: 6 })
    expect(out[5]!.knownFlaky[0]!.failureRate).toBeCloseTo(2 / 6)
  })

  it('a test that broke and stays broken is a failure, not a flake', () => {
    const outcomes = ['passed', 'passed', 'passed', 'failed', 'failed', 'failed', 'failed']
    const out = replay(outcomes.map((o, i) => run({ sha: `e${i}`, tests: { broken: o as 'passed' } })))
    expect(out.flatMap((o) => [...o.newFlaky, ...o.knownFlaky])).toEqual([])
  })

  it('leaves out infrastructure failures: setup failed, or more than 80% of tests failed', () => {
    const suite = (o: 'passed' | 'failed', flakyOne = false) =>
      Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`integration:t${i}`, i === 0 && flakyOne ? 'passed' : o])
      )
    const out = replay([
      run({ sha: 'f1', tests: suite('passed') }),
      run({ sha: 'f1', attempt: 2, tests: suite('failed', true) }), // 90% failed on the same commit
      run({ sha: 'f2', tests: { 'integration:t1': 'failed' }, setupFailed: ['integration'] }),
      run({ sha: 'f2', attempt: 2, tests: { 'integration:t1': 'passed' } })
    ])
    expect(out[1]!.currentInfraTiers).toEqual(['integration'])
    expect(out[1]!.newFlaky).toEqual([])
    expect(out[3]!.newFlaky).toEqual([])
    expect(out[3]!.infraRuns).toBe(2)
  })

  it('counts the 80% rule only from 5 executed tests: 4 of 4 failing is four failures, not an outage', () => {
    const four = (o: 'passed' | 'failed') => Object.fromEntries(['a', 'b', 'c', 'd'].map((t) => [t, o]))
    const out = replay([
      run({ sha: 'i1', tests: four('failed') }),
      run({ sha: 'i1', attempt: 2, tests: four('passed') })
    ])
    expect(out[0]!.currentInfraTiers).toEqual([])
    expect(out[1]!.newFlaky.map((t) => t.id)).toEqual(['a', 'b', 'c', 'd']) // mixed outcomes on i1
    const five = replay([run({ sha: 'i2', tests: { ...four('failed'), e: 'failed' } })])
    expect(five[0]!.currentInfraTiers).toEqual(['unit'])
  })

  it('reports LocalStack pass / AWS fail at one commit as a parity gap, not a flake', () => {
    const out = replay([
      run({
        sha: 'g1',
        tests: { 'integration:test/integration/orders.test.ts › Orders › creates': 'passed' }
      }),
      run({
        sha: 'g1',
        attempt: 2,
        tests: { 'e2e:test/e2e/orders.e2e.test.ts › Orders › creates': 'failed' }
      })
    ])
    expect(out[1]!.parityGaps).toEqual([
      {
        sha: 'g1'.padEnd(40, '0'),
        integrationId: 'test/integration/orders.test.ts › Orders › creates',
        e2eId: 'test/e2e/orders.e2e.test.ts › Orders › creates'
      }
    ])
    expect(out[1]!.newFlaky).toEqual([])
    expect(parityKey('test/e2e/orders-api.test.ts › a')).toBe(
      parityKey('test/integration/orders-api.test.ts › a')
    )
  })
})

describe('flakiness ranked by flip rate', () => {
  // 20 runs: "alternating" fails every other run (10 failures); "streaky" fails in two long streaks
  // (12 failures: a higher failure rate, but far fewer changes of verdict).
  const alternating = (i: number) => (i % 2 === 1 ? 'failed' : 'passed')
  const streaky = (i: number) => ((i >= 2 && i < 8) || (i >= 12 && i < 18) ? 'failed' : 'passed')
  const seq = Array.from({ length: 20 }, (_, i) =>
    run({
      sha: `k${i}`,
      tests: { alternating: alternating(i), streaky: streaky(i), steady: 'passed', young: 'passed' }
    })
  )
  seq.push(
    run({ sha: 'k20', tests: { alternating: 'passed', streaky: 'passed', steady: 'passed', fresh: 'flaky' } })
  )
  const out = replay(seq).at(-1)!

  it('ranks by the moving average of the flip rate, not by the failure rate', () => {
    const [first, second] = out.topFlaky
    expect([first!.id, second!.id]).toEqual(['alternating', 'streaky'])
    expect(first!.failureRate).toBeLessThan(second!.failureRate)
    expect(first!.flipRate).toBeCloseTo(20 / 20) // every pair of the 21 executions changes verdict
    expect(second!.flipRate).toBeCloseTo(4 / 20)
    expect(first!.ewma).toBeGreaterThan(second!.ewma)
    expect(out.knownFlaky.map((t) => t.id)).toEqual(['alternating', 'streaky'])
  })

  it('leaves out tests with fewer than 5 executions and tests that never flipped', () => {
    expect(out.newFlaky.map((t) => t.id)).toEqual(['fresh']) // flaky now, but one execution: not ranked
    expect(out.topFlaky.map((t) => t.id)).toEqual(['alternating', 'streaky'])
    expect(out.topFlaky[0]!.firstSeen).toBe(seq[0]!.at)
  })

  it('shows the ranking in the summary and the comment', () => {
    const summary = historySections(out)[0]!.markdown
    expect(summary).toContain('**Most flaky** (by the moving average of the flip rate)')
    expect(summary).toMatch(
      /1\. \*\*unit\*\* · alternating · flip rate 100% \(moving average \d+(\.\d)?%\) · failed 10 of 21 \(47\.6%\) · since 2026-11-01/
    )
    expect(commentHistoryBlock(out)).toMatch(
      /most flaky by flip rate: `unit` alternating \(flip rate 100%, EWMA \d+(\.\d)?%\); `unit` streaky/
    )
  })
})

describe('history rendering', () => {
  const seq = Array.from({ length: 6 }, (_, i) =>
    run({
      sha: `h${i}`,
      tests: { 'unit:u <img src=x>': i === 2 ? 'flaky' : 'passed', 'e2e:api': 'passed' },
      durationMs: 60_000 * (i + 1),
      costUsd: 0.01 * i
    })
  )
  const ledger = seq.slice(0, 5).reduce((l, r) => appendRun(l, r), EMPTY_LEDGER)
  const insights = analyseFlakiness(ledger, seq[5]!)

  it('renders trends as mermaid xychart-beta charts and escapes test names', () => {
    const sections = historySections(insights)
    expect(sections.map((s) => s.id)).toEqual(['history-flakiness', 'history-trends'])
    const trends = sections[1]!.markdown
    // unit and e2e share a unit (minutes) and a chart; flaky rate; cost (see trend-charts.ts)
    expect(trends.match(/```mermaid\n%%\{init: .*\}%%\nxychart-beta\n/g)).toHaveLength(3)
    expect(trends).toContain('    x-axis "run" 1 --> 6')
    expect(trends).toContain('1 = `h000000` (oldest) … 6 = `h500000` (latest)')
    expect(trends).toMatch(/y-axis "minutes" 0 --> \d+/)
    expect(trends).toContain('    line "unit" [1.02, 2.03, 3.03, 4.03, 5.03, 6.03]') // 1 s + n min + 0.5 s, in minutes
    expect(trends).toContain('    line "flaky rate" [0, 0, 50, 0, 0, 0]') // percent
    const flaky = sections[0]!.markdown
    expect(flaky).toContain('u &lt;img src=x&gt;')
    expect(flaky).not.toContain('<img')
    expect(sections.every((s) => s.compact !== undefined && s.dropOrder > 0)).toBe(true)
  })

  it('gives a compact block for the comment', () => {
    const block = commentHistoryBlock(insights)
    expect(block).toContain(
      '**Across runs:** 0 new flaky, 1 known flaky, 0 recovered, 0 parity gaps (from 5 earlier run(s)).'
    )
    expect(block).toContain('🔁 known flaky: `unit` u &lt;img src=x&gt; (16.7%)')
    expect(block).toMatch(/unit duration `[▁-█]{6}` 6.03 min/)
  })
})
