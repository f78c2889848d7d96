import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { appendRun, EMPTY_LEDGER, type Ledger } from '../../src/core/history/ledger.js'
import {
  decodeRunsFile,
  decodeShard,
  encodeLedgerFiles,
  ledgerOf,
  RUNS_FILE,
  SHARD_TARGET_BYTES,
  shardFile,
  shardOf
} from '../../src/core/history/ledger-files.js'
import { decodeLedger } from '../../src/core/history/legacy-ledger.js'
import { migrateLegacy } from '../../src/core/history/migrate-ledger.js'
import { testId } from '../../src/core/results/identity.js'
import { toRunRecord, type RunRecord } from '../../src/core/history/record.js'
import type { Tier } from '../../src/core/results/model.js'
import type { RunReport } from '../../src/core/results/report.js'
import { skippedTier, type TierRun } from '../../src/core/results/run.js'
import { encodeLegacyLedger } from './legacy-ledger-writer.js'
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

const replay = (runs: RunRecord[], maxRuns?: number): Ledger =>
  runs.reduce((l, r) => appendRun(l, r, maxRuns), EMPTY_LEDGER)

/** Write the ledger's files and read them back the way the store does. */
function roundTrip(ledger: Ledger, minShards = 1): { ledger: Ledger; files: Map<string, string> } {
  const files = encodeLedgerFiles(ledger, minShards)
  const { shards, runs } = decodeRunsFile(files.get(RUNS_FILE)!)
  const windows = Array.from({ length: shards }, (_, i) => {
    const p = shardFile(i, shards)
    return decodeShard(files.get(p)!, p, runs)
  }).flat()
  return { ledger: ledgerOf(runs, windows), files }
}

describe('ledger: per-test windows', () => {
  it('keeps one character per run and test, with gaps for runs a test was not in', () => {
    const ledger = replay([
      run({ sha: 'w1', tests: { a: 'passed', b: 'failed' } }),
      run({ sha: 'w2', tests: { a: 'flaky' } }),
      run({ sha: 'w3', tests: { a: 'skipped', b: 'passed', 'e2e:c': 'failed' } })
    ])
    expect(ledger.runs.map((r) => r.seq)).toEqual([1, 2, 3])
    const a = ledger.tests.get('unit\u0000a')!
    const b = ledger.tests.get('unit\u0000b')!
    expect([a.end, a.outcomes, a.durations.length]).toEqual([3, 'pks', 3])
    expect([b.end, b.outcomes]).toEqual([3, 'f.p'])
    expect(a.durations[2]).toBe('.') // skipped: no duration
    expect(ledger.tests.get('e2e\u0000c')!.outcomes).toBe('f')
    expect(ledger.runs[2]!.tiers.find((t) => t.tier === 'unit')).toMatchObject({
      executed: 1,
      failed: 0,
      flaky: 0
    })
    expect(ledger.runs[1]!.tiers.find((t) => t.tier === 'unit')).toMatchObject({ executed: 1, flaky: 1 })
  })

  it('rolls the oldest run off every window and forgets tests absent from all kept runs', () => {
    const runs = Array.from({ length: 8 }, (_, i) =>
      run({
        sha: `r${i}`,
        tests: i < 2 ? { gone: 'failed', stays: 'passed' } : { stays: i === 5 ? 'failed' : 'passed' }
      })
    )
    const ledger = replay(runs, 5)
    expect(ledger.runs.map((r) => r.seq)).toEqual([4, 5, 6, 7, 8])
    expect(ledger.tests.has('unit\u0000gone')).toBe(false)
    const stays = ledger.tests.get('unit\u0000stays')!
    expect(stays.outcomes).toBe('ppfpp')
    expect(stays.firstSeen).toBe(runs[0]!.at) // first seen survives the roll-off
  })

  it('is pure: appending leaves the earlier ledger as it was, and a run is never added twice', () => {
    const r1 = run({ sha: 'p1', tests: { a: 'passed' } })
    const one = appendRun(EMPTY_LEDGER, r1)
    const before = JSON.stringify([...one.tests.values()])
    const two = appendRun(one, run({ sha: 'p2', tests: { a: 'failed' } }))
    expect(JSON.stringify([...one.tests.values()])).toBe(before)
    expect(two.tests.get('unit\u0000a')!.outcomes).toBe('pf')
    expect(appendRun(two, r1)).toBe(two)
  })

  it('marks commits with mixed outcomes, not counting infrastructure failures', () => {
    const ledger = replay([
      run({ sha: 'm1', tests: { a: 'failed', b: 'failed', c: 'passed' } }),
      run({ sha: 'm1', attempt: 2, tests: { a: 'passed', b: 'failed', c: 'passed' } }),
      run({ sha: 'm2', tests: { c: 'failed' }, setupFailed: ['unit'] }),
      run({ sha: 'm2', attempt: 2, tests: { c: 'passed' } })
    ])
    expect(ledger.tests.get('unit\u0000a')!.mixed).toEqual(['m1'.padEnd(40, '0')])
    expect(ledger.tests.get('unit\u0000b')!.mixed).toEqual([])
    expect(ledger.tests.get('unit\u0000c')!.mixed).toEqual([])
    expect(ledger.runs[2]!.tiers[0]!.infraFailure).toBe(true)
  })

  it('keeps the more telling outcome when one run reports the same id twice', () => {
    const r = run({ sha: 'd1', tests: { a: 'passed' } })
    r.tests.push({ ...r.tests[0]!, outcome: 'failed' }, { ...r.tests[0]!, outcome: 'passed' })
    expect(appendRun(EMPTY_LEDGER, r).tests.get('unit\u0000a')!.outcomes).toBe('f')
  })
})

describe('ledger files (format 2)', () => {
  it('round-trips the ledger exactly', () => {
    const ledger = replay([
      run({ sha: 'x1', tests: { a: 'passed', 'e2e:b': 'flaky', 'integration:c': 'skipped' } }),
      run({ sha: 'x1', attempt: 2, tests: { a: 'failed', 'e2e:b': 'passed' }, costUsd: 0.0123456789 }),
      run({ sha: 'x2', tests: { a: 'passed' } })
    ])
    const back = roundTrip(ledger).ledger
    expect(back.runs).toEqual(
      ledger.runs.map((r) => ({
        ...r,
        tiers: r.tiers.map((t) => ({ ...t, costUsd: Math.round(t.costUsd * 1e6) / 1e6 }))
      }))
    )
    const firstSecond = (l: Ledger) =>
      [...l.tests.values()].map((w) => ({ ...w, firstSeen: w.firstSeen.replace(/\.\d+Z$/, '.000Z') }))
    expect(new Set(firstSecond(back).map((w) => JSON.stringify(w)))).toEqual(
      new Set(firstSecond(ledger).map((w) => JSON.stringify(w)))
    )
  })

  it('splits a large suite over shards by a hash of the test, and never shrinks the shard count', () => {
    const tests = Object.fromEntries(
      Array.from({ length: 8000 }, (_, i) => [
        `src/module-${i % 97}/feature.test.ts › Feature ${i} › does thing ${i}`,
        'passed' as const
      ])
    )
    const ledger = replay(Array.from({ length: 3 }, (_, i) => run({ sha: `s${i}`, tests })))
    const { files, ledger: back } = roundTrip(ledger)
    const shards = [...files.keys()].filter((p) => p !== RUNS_FILE)
    expect(shards.length).toBeGreaterThan(1)
    for (const p of shards) expect(files.get(p)!.length).toBeLessThan(2 * SHARD_TARGET_BYTES)
    expect(back.tests.size).toBe(8000)
    const key = [...ledger.tests.keys()][1234]!
    const home = shardFile(shardOf(key, shards.length), shards.length)
    expect(files.get(home)).toContain(JSON.stringify(ledger.tests.get(key)!.id))

    const small = replay([run({ sha: 't1', tests: { a: 'passed' } })])
    expect(encodeLedgerFiles(small, 4).size).toBe(1 + 4)
  })

  it('refuses files that are not format 2, saying which and why', () => {
    expect(() => decodeRunsFile('{"v":1}')).toThrow(/runs.json is not readable: unknown format version/)
    expect(() =>
      decodeRunsFile('{"v":2,"shards":1,"runs":[[2,"a","1",1,"t",[]],[1,"b","2",1,"t",[]]]}')
    ).toThrow('not increasing')
    const runs = decodeRunsFile('{"v":2,"shards":1,"runs":[[1,"a","1",1,"t",[]]]}').runs
    expect(() =>
      decodeShard('{"v":2,"tests":[["a",0,1,"999999999p","A",0]]}', 'tests-0-of-1.json', runs)
    ).toThrow('longer than 1 runs')
    expect(() => decodeShard('{"v":2,"tests":[["a",0,1,"p","AB",0]]}', 'tests-0-of-1.json', runs)).toThrow()
    expect(() => decodeShard('{"v":2,"tests":[["a",0,1,"\\"","A",0]]}', 'tests-0-of-1.json', runs)).toThrow(
      'characters of no outcome'
    )
    expect(() => decodeShard('{"v":2,"tests":[["a",7,1,"p","A",0]]}', 'tests-0-of-1.json', runs)).toThrow(
      'unknown tier code 7'
    )
    expect(decodeShard('{"v":2,"tests":[["old",0,0,"p","A",0]]}', 'tests-0-of-1.json', runs)).toEqual([]) // rolled off
  })

  it('measures the ledger after 1,000 runs of the example app suite', () => {
    const suite = exampleSuite()
    expect(suite.length).toBeGreaterThanOrEqual(25)
    let ledger = EMPTY_LEDGER
    for (let i = 0; i < 1000; i++) {
      const record: RunRecord = run({
        sha: (i * 7919).toString(16).padStart(8, '0').repeat(5),
        tests: Object.fromEntries(
          suite.map((t, j) => [`${t.tier}:${t.id}`, (i + j) % 97 === 0 ? 'flaky' : 'passed'])
        )
      })
      record.tests = record.tests.map((t, j) => ({ ...t, durationMs: 5 + ((i * 31 + j * 17) % 4000) }))
      ledger = appendRun(ledger, record)
    }
    const files = encodeLedgerFiles(ledger)
    const bytes = [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0)
    expect(ledger.runs).toHaveLength(200)
    expect(bytes).toBeLessThan(200_000)
    process.stdout.write(
      `ledger after 1,000 runs of ${suite.length} tests: ${bytes} bytes in ${files.size} file(s), ${ledger.runs.length} runs kept\n`
    )
  })
})

describe('migration from the format-1 ledger', () => {
  it('replays its newest runs: the same ledger as appending them', () => {
    const [A, B] = ['a.test.ts › A › works', 'b.test.ts › B › works']
    const runs = Array.from({ length: 250 }, (_, i) =>
      run({
        sha: `v${i}`,
        tests: {
          [A]: i % 7 === 0 ? 'flaky' : 'passed',
          [`integration:${B}`]: i % 50 === 0 ? 'failed' : 'passed'
        }
      })
    )
    const legacy = decodeLedger(encodeLegacyLedger({ runs }))
    const migrated = migrateLegacy(legacy)
    expect(migrated).toEqual(replay(runs.slice(-200)))
    expect(migrated.runs).toHaveLength(200)
    expect(migrated.tests.get(`unit\u0000${A}`)!.outcomes).toHaveLength(200)
  })

  it('normalises its ids the way ids are built now, so old history matches new runs', () => {
    const old = [
      run({ sha: 'n1', tests: { 'top.test.js › undefined ›  b top-level flaky': 'flaky' } }),
      run({ sha: 'n2', tests: { 'a.test.js › calc ›    spaced  name ': 'failed' } }),
      run({ sha: 'n3', tests: { 'a.test.js › calc › spaced name': 'passed' } })
    ]
    const migrated = migrateLegacy(decodeLedger(encodeLegacyLedger({ runs: old })))
    expect([...migrated.tests.values()].map((w) => [w.id, w.outcomes])).toEqual([
      ['top.test.js › b top-level flaky', 'k'],
      ['a.test.js › calc › spaced name', 'fp']
    ])
    const now = run({
      sha: 'n4',
      tests: { [testId({ file: 'top.test.js', suite: ['undefined'], name: ' b top-level flaky' })]: 'passed' }
    })
    expect(appendRun(migrated, now).tests.get('unit\u0000top.test.js › b top-level flaky')!.outcomes).toBe(
      'k..p'
    )
  })

  it('the legacy reader still refuses what is not a version-1 ledger, saying why', () => {
    expect(() => decodeLedger('{"v":2}')).toThrow('unknown format version')
    expect(() =>
      decodeLedger('{"v":1,"ids":[],"runs":[{"s":"a","r":"1","a":1,"t":"x","T":[],"x":[[5,0,1,1]]}]}')
    ).toThrow('points outside the id list')
    expect(() => decodeLedger('nope')).toThrow('not JSON')
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
