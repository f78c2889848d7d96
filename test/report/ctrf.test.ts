import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { ctrfJson, toCtrf } from '../../src/core/report/ctrf.js'
import { fromCtrf } from '../../src/core/report/ctrf-read.js'
import { reportView } from '../../src/core/report/view.js'
import { renderSummary } from '../../src/core/report/summary.js'
import { renderTerminal } from '../../src/core/report/terminal.js'
import type { RunReport } from '../../src/core/results/report.js'
import type { Attempt } from '../../src/core/results/model.js'
import { commandAttempts } from '../../src/core/results/run.js'
import {
  allGreen,
  e2eWithLeaks,
  failuresAndFlaky,
  hostileNames,
  manyFailures,
  skippedTiers,
  test
} from './reports.js'

const require = createRequire(import.meta.url)
const schemaPath = require.resolve('ctrf').replace(/index\.c?js$/, 'ctrf-schema-0.0.json')
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object
// The schema uses "format" (uuid, date-time) as annotations; ajv-formats is not installed, so ignore them.
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema)

const TOOL = { name: 'serverless-test-pyramid', version: '0.1.0' }
const REPORTS: [string, () => RunReport][] = [
  ['all green', allGreen],
  ['failures and flaky', failuresAndFlaky],
  ['skipped tiers', skippedTiers],
  ['e2e with leaks', e2eWithLeaks]
]

function restore(doc: unknown): RunReport {
  const back = fromCtrf(JSON.parse(JSON.stringify(doc)))
  if (!back.ok) throw new Error(back.error)
  if (!back.meta) throw new Error('no meta in our own report')
  return { ...back.meta, tiers: back.tiers }
}

describe('toCtrf', () => {
  it.each(REPORTS)('%s is valid against the CTRF schema of the ctrf package', (_name, make) => {
    const doc = toCtrf(make(), TOOL)
    expect(validate(doc)).toBe(true)
    expect(validate.errors ?? []).toEqual([])
    // The validator is live: a summary without its test count is refused.
    const broken = JSON.parse(JSON.stringify(doc))
    delete broken.results.summary.tests
    expect(validate(broken)).toBe(false)
  })

  it('maps status, flaky flag, retries, location, suite, message and tier', () => {
    const doc = toCtrf(failuresAndFlaky(), TOOL)
    const byName = (n: string) => doc.results.tests.find((t) => t.name === n)!
    expect(byName('adds VAT')).toMatchObject({
      status: 'failed',
      duration: 5,
      retries: 0,
      filePath: 'src/orders/price.test.ts',
      line: 4,
      suite: ['price'],
      type: 'unit',
      extra: { tier: 'unit', runAttempts: [1] }
    })
    expect(byName('adds VAT').message).toContain('Expected: 119')
    expect(byName('delivers to the DLQ')).toMatchObject({
      status: 'passed',
      flaky: true,
      retries: 1,
      duration: 3800,
      retryAttempts: [
        {
          attempt: 1,
          status: 'failed',
          duration: 2000,
          message: 'DLQ empty after 2 s',
          extra: { runAttempt: 1 }
        }
      ],
      extra: { tier: 'integration', runAttempts: [1, 2] }
    })
    expect(byName('delivers to the DLQ').message).toBeUndefined()
    expect(doc.results.summary).toMatchObject({
      tests: 5,
      passed: 3,
      failed: 2,
      skipped: 0,
      flaky: 2,
      pending: 0,
      other: 0
    })
    expect(doc.results.summary.stop - doc.results.summary.start).toBe(245_000)
    expect(doc.results.environment).toMatchObject({
      repositoryName: 'acme/orders',
      repositoryUrl: 'https://github.com/acme/orders',
      commit: '0123456789abcdef0123456789abcdef01234567',
      branchName: 'pull/42/merge',
      buildId: '987654321',
      buildUrl: 'https://github.com/acme/orders/actions/runs/987654321/attempts/1'
    })
    expect(doc.runId).toBe('987654321')
  })

  it('stores each message once and restores it to its attempt', () => {
    const report = allGreen()
    report.tiers[0]!.tests.push(
      test('unit', 'x.test.ts', [], 'failed then skipped', [
        { outcome: 'failed', message: 'UNIQUE-FIRST', trace: 'TRACE-1', runAttempt: 1 },
        { outcome: 'skipped', runAttempt: 2 }
      ]),
      test('unit', 'x.test.ts', [], 'failed twice', [
        { outcome: 'failed', message: 'UNIQUE-A', runAttempt: 1 },
        { outcome: 'failed', message: 'UNIQUE-B', runAttempt: 1 }
      ])
    )
    const json = JSON.stringify(toCtrf(report, TOOL))
    for (const m of ['UNIQUE-FIRST', 'TRACE-1', 'UNIQUE-A', 'UNIQUE-B']) expect(json.split(m)).toHaveLength(2)
    expect(restore(JSON.parse(json)).tiers[0]!.tests).toEqual(report.tiers[0]!.tests)
  })

  it('stays valid for an empty name, an empty suite and a run without timestamps', () => {
    const report = allGreen()
    report.tiers[0]!.tests.push(test('unit', undefined, [], '', [{ outcome: 'passed', durationMs: 1.6 }]))
    report.startedAt = ''
    report.finishedAt = 'not a date'
    report.context.runId = ''
    const doc = toCtrf(report, TOOL)
    expect(validate(doc)).toBe(true)
    expect(restore(doc).tiers[0]!.tests.at(-1)!.name).toBe('')
  })
})

describe('fromCtrf', () => {
  it.each(REPORTS)('%s: the round trip restores the report and renders the same bytes', (_name, make) => {
    const original = make()
    const back = restore(toCtrf(original, TOOL))
    expect(renderSummary(reportView(back))).toBe(renderSummary(reportView(original)))
    expect(renderTerminal(reportView(back), { color: false, width: 100 })).toBe(
      renderTerminal(reportView(original), { color: false, width: 100 })
    )
    expect(back.tiers.map((t) => t.tests)).toEqual(original.tiers.map((t) => t.tests))
  })

  it('merges the tiers of parallel jobs into one report that renders like the single run', () => {
    const whole = failuresAndFlaky()
    const unitJob = { ...whole, tiers: whole.tiers.filter((t) => t.tier === 'unit') }
    const restJob = { ...whole, tiers: whole.tiers.filter((t) => t.tier !== 'unit') }
    const parts = [unitJob, restJob].map((r) => fromCtrf(JSON.parse(JSON.stringify(toCtrf(r, TOOL)))))
    const tiers = parts.flatMap((p) => (p.ok ? p.tiers : []))
    const meta = parts[0]!.ok ? parts[0]!.meta! : undefined
    expect(renderSummary(reportView({ ...meta!, tiers }))).toBe(renderSummary(reportView(whole)))
  })

  it('reads a CTRF report of another tool, taking the tier from type or the default', () => {
    const foreign = {
      reportFormat: 'CTRF',
      specVersion: '0.0.0',
      results: {
        tool: { name: 'jest' },
        summary: {
          tests: 2,
          passed: 1,
          failed: 1,
          skipped: 0,
          pending: 0,
          other: 0,
          start: 0,
          stop: 2000,
          duration: 2000
        },
        tests: [
          {
            name: 'a',
            status: 'passed',
            duration: 30,
            flaky: true,
            retries: 1,
            retryAttempts: [{ attempt: 1, status: 'failed', duration: 10, message: 'first' }]
          },
          {
            name: 'b',
            status: 'failed',
            duration: 5,
            message: 'boom',
            filePath: 'b.test.ts',
            suite: ['s'],
            type: 'integration'
          }
        ]
      }
    }
    expect(validate(foreign)).toBe(true)
    expect(fromCtrf(foreign)).toMatchObject({
      ok: false,
      error: expect.stringContaining('$.results.tests[0].type names no tier')
    })
    const back = fromCtrf(foreign, { defaultTier: 'unit' })
    if (!back.ok) throw new Error(back.error)
    expect(back.meta).toBeUndefined()
    expect(back.tiers.map((t) => [t.tier, commandAttempts(t)[0]!.exitCode])).toEqual([
      ['unit', 0],
      ['integration', 1]
    ])
    expect(back.tiers[0]!.tests[0]!.attempts).toEqual([
      { outcome: 'failed', durationMs: 10, runAttempt: 1, message: 'first' },
      { outcome: 'passed', durationMs: 20, runAttempt: 1 }
    ])
    expect(back.tiers[1]!.tests[0]).toMatchObject({
      id: 'b.test.ts › s › b',
      file: 'b.test.ts',
      suite: ['s']
    })
  })

  it.each([
    ['not an object', 'nope', '$ must be an object'],
    ['another format', { reportFormat: 'JUnit' }, '$.reportFormat must be "CTRF"'],
    ['no results', { reportFormat: 'CTRF' }, '$.results must be an object'],
    [
      'tests not an array',
      { reportFormat: 'CTRF', results: { tool: { name: 'x' }, tests: {} } },
      '$.results.tests must be an array'
    ],
    [
      'a bad attempt',
      {
        reportFormat: 'CTRF',
        results: {
          tool: { name: 'x' },
          tests: [
            {
              name: 'a',
              status: 'passed',
              duration: 1,
              extra: { tier: 'unit', attempts: [{ outcome: 'maybe' }] }
            }
          ]
        }
      },
      '$.results.tests[0].extra.attempts[0].outcome must be passed, failed or skipped'
    ]
  ])('refuses %s and names the field', (_label, doc, message) => {
    const result = fromCtrf(doc)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error).toContain(message)
      expect(result.error).toMatch(/re-run the job/)
    }
  })

  it('refuses a damaged tier list and an unknown extra version', () => {
    const doc = JSON.parse(JSON.stringify(toCtrf(allGreen(), TOOL)))
    doc.results.extra.pyramid.tiers[1].phases[0].durationMs = 'slow'
    expect(fromCtrf(doc)).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        '$.results.extra.pyramid.tiers[1].phases[0].durationMs must be a finite number'
      )
    })
    const future = JSON.parse(JSON.stringify(toCtrf(allGreen(), TOOL)))
    future.results.extra.pyramid.version = 99
    expect(fromCtrf(future)).toMatchObject({
      ok: false,
      error: expect.stringContaining('is 99; this version reads 3')
    })
  })
})

describe('ctrfJson (the report as written, in pieces)', () => {
  const ALL: [string, () => RunReport][] = [
    ...REPORTS,
    ['many failures', manyFailures],
    ['hostile names', hostileNames]
  ]

  it.each(ALL)('%s: the pieces joined are the document toCtrf builds', (_name, make) => {
    const report = make()
    expect([...ctrfJson(report, TOOL)].join('')).toBe(JSON.stringify(toCtrf(report, TOOL)))
  })

  it('writes each test as JSON.stringify would, for hostile text, odd numbers and every optional field', () => {
    const nasty = [
      'ünïcödé › 测试 🧪 \u2028\u2029',
      'control \u0000\u0001\u001f\u007f \t\r\n \\ "quoted"',
      'lone \ud800 high, lone \udfff low, pair \ud83d\ude00',
      '</details><script>alert(1)</script> &amp; `code` | pipe'
    ]
    const report = allGreen()
    const tests = report.tiers[0]!.tests
    nasty.forEach((text, i) => {
      const t = test(
        'unit',
        i === 2 ? 'src/surrogates.test.ts' : `src/${text}.test.ts`,
        [text, `${text} inner`],
        text,
        [
          { outcome: 'failed', durationMs: 1.25, message: text, trace: `${text}\n    at f (${text}:1:2)` },
          { outcome: 'skipped', durationMs: 0, runAttempt: 2 },
          { outcome: 'passed', durationMs: 0.4999, runAttempt: 2 }
        ],
        i + 1
      )
      tests.push({ ...t, ordinal: i + 2, ...(i % 2 === 0 ? { loadFailure: true } : {}) })
    })
    tests.push(
      test('unit', undefined, [], '', [{ outcome: 'failed', durationMs: Number.NaN, message: nasty[2]! }])
    )
    tests.push({ ...test('unit', undefined, [], 'odd', [{ durationMs: -0 }]), id: '' })
    tests.push(test('unit', 'a.ts', ['s'], 'infinite', [{ outcome: 'passed', durationMs: Infinity }]))
    // What tests share (a suite's path, the frozen attempt list of a test that passed once) is written once.
    const suite = ['shared', nasty[0]!]
    const once = Object.freeze([
      Object.freeze({ outcome: 'passed' as const, durationMs: 3, runAttempt: 1 })
    ]) as Attempt[]
    for (const name of ['a', 'b']) tests.push({ ...test('unit', 'x.ts', suite, name, []), attempts: once })
    tests.push({ ...test('unit', 'x.ts', ['other'], 'c', []), attempts: once })
    tests.push({ ...test('unit', 'x.ts', suite, 'd', []), attempts: [...once] })
    expect([...ctrfJson(report, TOOL)].join('')).toBe(JSON.stringify(toCtrf(report, TOOL)))
  })

  it('writes every UTF-16 code unit, alone and in a pair, as JSON.stringify would', () => {
    const report = allGreen()
    const tests = report.tiers[0]!.tests
    for (let c = 0; c <= 0xffff; c += 1) {
      const ch = String.fromCharCode(c)
      tests.push(
        test('unit', `f${ch}.ts`, [`s${ch}`], `n ${ch} ${ch}\ud83d\ude00`, [
          { outcome: 'passed', durationMs: 1 }
        ])
      )
    }
    expect([...ctrfJson(report, TOOL)].join('')).toBe(JSON.stringify(toCtrf(report, TOOL)))
  })

  it('is the document in pieces of a few tests each, never one piece for all, tests in tier order', () => {
    const report = manyFailures() // 2,990 unit tests, then the other tiers'
    const pieces = [...ctrfJson(report, TOOL)]
    const testsIn = (piece: string) => piece.match(/"testId":/g)?.length ?? 0
    const total = report.tiers.reduce((n, t) => n + t.tests.length, 0)
    const joined = pieces.join('')
    expect(joined).toBe(JSON.stringify(toCtrf(report, TOOL)))
    const doc = JSON.parse(joined) as ReturnType<typeof toCtrf>
    // Each piece is a batch of about 16K characters: it ends with the test that took it past that.
    const longestTest = Math.max(...doc.results.tests.map((t) => JSON.stringify(t).length + 1))
    const frame = joined.length - doc.results.tests.reduce((n, t) => n + JSON.stringify(t).length, 0)
    expect(pieces.length).toBeGreaterThan(total / 100)
    for (const piece of pieces) expect(piece.length).toBeLessThan(16 * 1024 + longestTest + frame)
    expect(pieces.slice(0, -1).every((p) => p.length >= 16 * 1024)).toBe(true)
    expect(pieces.reduce((n, p) => n + testsIn(p), 0)).toBe(total)
    expect(doc.results.tests.map((t) => t.type)).toEqual(
      ['unit', 'integration', 'e2e'].flatMap((tier) =>
        report.tiers.filter((t) => t.tier === tier).flatMap((t) => t.tests.map(() => tier))
      )
    )
    expect(doc.results.summary.tests).toBe(total)
  })

  it('a run without tests is still one valid document', () => {
    const report = skippedTiers()
    for (const t of report.tiers) t.tests = []
    const doc = JSON.parse([...ctrfJson(report, TOOL)].join('')) as unknown
    expect(validate(doc)).toBe(true)
    expect(doc).toMatchObject({ results: { tests: [] } })
  })
})
