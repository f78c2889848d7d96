import { describe, expect, it } from '@jest/globals'
import { analyseFlakiness } from '../../src/core/history/flakiness.js'
import { appendRun, EMPTY_LEDGER } from '../../src/core/history/ledger.js'
import { simulatedRun, simulatedSuite } from './simulated-suite.js'

describe('flip-rate ranking on a simulated suite (2,000 tests × 200 runs)', () => {
  const suite = simulatedSuite(2000)
  let ledger = EMPTY_LEDGER
  for (let n = 1; n < 200; n++) ledger = appendRun(ledger, simulatedRun(suite, n))
  const insights = analyseFlakiness(ledger, simulatedRun(suite, 200))
  const truth = new Map(suite.map((t) => [t.id, t]))
  const flaky = suite.filter((t) => t.kind === 'flaky')

  it('ranks only the flaky tests, not regressions, stable tests or the infrastructure-failure run', () => {
    expect(flaky.length).toBeGreaterThan(10)
    expect(insights.topFlaky).toHaveLength(10)
    for (const t of insights.topFlaky) expect(truth.get(t.id)!.kind).toBe('flaky')
    const judged = [...insights.knownFlaky, ...insights.newFlaky].map((t) => truth.get(t.id)!.kind)
    expect(judged.filter((k) => k === 'stable')).toEqual([]) // run 120 failed every integration test
    expect(judged.filter((k) => k === 'regression')).toEqual([])
  })

  it('puts the tests most likely to fail on the top of the ranking', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const top = mean(insights.topFlaky.map((t) => truth.get(t.id)!.failChance))
    expect(top).toBeGreaterThan(mean(flaky.map((t) => t.failChance)))
    const ewmas = insights.topFlaky.map((t) => t.ewma)
    expect(ewmas).toEqual([...ewmas].sort((a, b) => b - a))
  })
})
