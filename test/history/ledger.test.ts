import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  decodeLedger,
  encodeLedger,
  LEDGER_MAX_BYTES,
  LEDGER_MAX_RUNS
} from '../../src/core/history/ledger-codec.js'
import { mergeHistories, toRunRecord, type History, type RunRecord } from '../../src/core/history/record.js'
import type { Tier } from '../../src/core/results/model.js'
import type { RunReport } from '../../src/core/results/report.js'
import { skippedTier, type TierRun } from '../../src/core/results/run.js'
import { run } from './runs.js'

/** The example app's real test ids (file › describe › it), read from its test files. */
function exampleSuite(): { id: string; tier: Tier }[] {
  const root = path.resolve('examples/orders-service/test')
  const out: { id: string; tier: Tier }[] = []
  for (const tier of ['unit', 'integration', 'e2e'] as Tier[]) {
    for (const file of readdirSync(path.join(root, tier)).filter((f) => f.endsWith('.test.ts'))) {
      const text = readFileSync(path.join(root, tier, file), 'utf8')
      const suite = /describe\(['"`]([^'"`]+)/.exec(text)?.[1] ?? file
      for (const m of text.matchAll(/^\s*(?:it|test)\(['"`]([^'"`]+)/gm)) {
        out.push({ id: `test/${tier}/${file} › ${suite} › ${m[1]}`, tier })
      }
    }
  }
  return out
}

describe('ledger codec', () => {
  it('round-trips records exactly', () => {
    const records = [run({ sha: 'x1', tests: { a: 'passed', 'e2e:b': 'flaky', 'integration:c': 'skipped' } })]
    expect(decodeLedger(encodeLedger({ runs: records }))).toEqual({ runs: records })
  })

  it('refuses text that is not a version-1 ledger, saying why', () => {
    expect(() => decodeLedger('{"v":2}')).toThrow('unknown format version')
    expect(() =>
      decodeLedger('{"v":1,"ids":[],"runs":[{"s":"a","r":"1","a":1,"t":"x","T":[],"x":[[5,0,1,1]]}]}')
    ).toThrow('points outside the id list')
    expect(() => decodeLedger('nope')).toThrow('not JSON')
  })

  it('rolls the oldest runs off by count and by bytes', () => {
    const runs = Array.from({ length: 30 }, (_, i) => run({ sha: `r${i}`, tests: { a: 'passed' } }))
    const byCount = decodeLedger(encodeLedger({ runs }, { maxRuns: 10, maxBytes: 1e9 }))
    expect(byCount.runs.map((r) => r.runId)).toEqual(runs.slice(20).map((r) => r.runId))
    const text = encodeLedger({ runs }, { maxRuns: 100, maxBytes: 2000 })
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2000)
    expect(decodeLedger(text).runs.at(-1)!.runId).toBe(runs.at(-1)!.runId)
  })

  it('merges two writers views without losing a record', () => {
    const base = [run({ sha: 'm1', tests: { a: 'passed' } })]
    const mine = run({ sha: 'm2', tests: { a: 'passed' } })
    const theirs = run({ sha: 'm3', tests: { a: 'failed' } })
    const merged = mergeHistories({ runs: [...base, theirs] }, { runs: [mine] }, 500)
    expect(merged.runs.map((r) => r.sha.slice(0, 2))).toEqual(['m1', 'm2', 'm3'])
  })

  it('measures the ledger after 1,000 runs of the example app suite', () => {
    const suite = exampleSuite()
    expect(suite.length).toBeGreaterThanOrEqual(25)
    let history: History = { runs: [] }
    let text = ''
    let maxBytes = 0
    for (let i = 0; i < 1000; i++) {
      const record: RunRecord = run({
        sha: (i * 7919).toString(16).padStart(8, '0').repeat(5),
        tests: Object.fromEntries(
          suite.map((t, j) => [`${t.tier}:${t.id}`, (i + j) % 97 === 0 ? 'flaky' : 'passed'])
        )
      })
      record.tests = record.tests.map((t, j) => ({ ...t, durationMs: 5 + ((i * 31 + j * 17) % 4000) }))
      history = decodeLedger(text || encodeLedger({ runs: [] }))
      text = encodeLedger(mergeHistories(history, { runs: [record] }, LEDGER_MAX_RUNS))
      maxBytes = Math.max(maxBytes, text.length)
    }
    const kept = decodeLedger(text).runs.length
    const perRun = Math.round(text.length / kept)
    expect(kept).toBe(LEDGER_MAX_RUNS)
    expect(maxBytes).toBeLessThanOrEqual(LEDGER_MAX_BYTES)
    process.stdout.write(
      `ledger after 1,000 runs of ${suite.length} tests: ${text.length} bytes, ${kept} runs kept (cap ${LEDGER_MAX_RUNS}), ~${perRun} bytes/run, base64 in the contents API ${Math.ceil(text.length / 3) * 4} bytes\n`
    )
  })
})

describe('toRunRecord', () => {
  it('keeps per test outcome, attempts and duration, and per tier timing, cost and infra flags', () => {
    const unit: TierRun = {
      tier: 'unit',
      outcome: {
        kind: 'ran',
        attempts: [
          { attempt: 1, command: 'npm test', scope: 'all', exitCode: 0, durationMs: 4000, reportFiles: [] }
        ]
      },
      runnerTime: [{ wallMs: 120_000, usdPerMinute: 0.006 }],
      notes: [],
      facts: {},
      phases: [{ name: 'install', kind: 'setup' as const, durationMs: 300, ok: true }],
      tests: [
        {
          id: 'a.test.ts › A › works',
          tier: 'unit' as const,
          suite: ['A'],
          name: 'works',
          attempts: [
            { outcome: 'failed' as const, durationMs: 10.4, runAttempt: 1 },
            { outcome: 'passed' as const, durationMs: 9, runAttempt: 2 }
          ]
        }
      ]
    }
    const integration: TierRun = {
      tier: 'integration',
      outcome: { kind: 'setup-failed', reason: 'LocalStack did not start' },
      tests: [],
      phases: [],
      notes: [],
      runnerTime: [],
      facts: {}
    }
    const e2e = skippedTier('e2e', 'not selected')
    const report = {
      context: {
        repository: 'acme/orders',
        sha: 'f'.repeat(40),
        ref: 'refs/heads/main',
        eventName: 'push',
        runId: '77',
        runAttempt: 2,
        serverUrl: 'https://github.test',
        job: 'test'
      },
      tiers: [unit, integration, e2e],
      costLines: [],
      finishedAt: '2026-11-25T10:00:00.000Z'
    } as unknown as RunReport
    expect(toRunRecord(report)).toEqual({
      sha: 'f'.repeat(40),
      runId: '77',
      runAttempt: 2,
      at: '2026-11-25T10:00:00.000Z',
      tiers: [
        { tier: 'unit', setupMs: 300, testMs: 4000, teardownMs: 0, costUsd: 0.012, infraFailure: false },
        { tier: 'integration', setupMs: 0, testMs: 0, teardownMs: 0, costUsd: 0, infraFailure: true }
      ],
      tests: [{ id: 'a.test.ts › A › works', tier: 'unit', outcome: 'flaky', attempts: 2, durationMs: 19 }]
    })
  })
})
