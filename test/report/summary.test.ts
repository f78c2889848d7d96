import { reportView } from '../../src/core/report/view.js'
import { describe, expect, it } from '@jest/globals'
import { utf8Bytes } from '../../src/core/report/fit.js'
import type { Section } from '../../src/core/report/section.js'
import { DEFAULT_SUMMARY_LIMIT_BYTES, renderSummary, summarySections } from '../../src/core/report/summary.js'
import type { RunReport } from '../../src/core/results/report.js'
import { allGreen, e2eWithLeaks, failuresAndFlaky, skippedTiers, test } from './reports.js'

/** Counts and units are joined by non-breaking spaces in tables. */
const nb = (text: string) => text.replace(/ /g, '\u00a0')

function manyFailures(n: number, messageChars: number, nameChars = 40): RunReport {
  const report = failuresAndFlaky()
  const unit = report.tiers[0]!
  const message = Array.from(
    { length: Math.ceil(messageChars / 80) },
    (_, i) => `line ${i} ${'x'.repeat(72)}`
  ).join('\n')
  unit.tests = Array.from({ length: n }, (_, i) =>
    test(
      'unit',
      `src/gen/file${i % 500}.test.ts`,
      ['generated', `group ${i % 50}`],
      `case ${i} ${'n'.repeat(nameChars)}`,
      [{ outcome: 'failed', durationMs: i % 1000, message }],
      i
    )
  )
  return report
}

describe('renderSummary', () => {
  it('stays under the default limit with 50,000 failing tests and long messages', () => {
    const report = manyFailures(50_000, 4000)
    const md = renderSummary(reportView(report))
    expect(utf8Bytes(md)).toBeLessThanOrEqual(DEFAULT_SUMMARY_LIMIT_BYTES)
    expect(DEFAULT_SUMMARY_LIMIT_BYTES).toBeLessThan(1024 * 1024)
    expect(md).toContain('### ❌ Failed tests (50,001)')
    expect(md).toMatch(/… and 49,701 more failed tests not listed here/)
    expect(md).toContain(
      `| unit | ${nb('❌ failed')}, ${nb('2 runs')} | ${nb('50,000 failed')}, ${nb('0 passed')} |`
    )
  })

  it('shortens, then drops, by dropOrder under a tight limit and says what it left out', () => {
    const report = manyFailures(50_000, 4000, 2000)
    const limit = 64 * 1024
    const md = renderSummary(reportView(report), { limitBytes: limit })
    expect(utf8Bytes(md)).toBeLessThanOrEqual(limit)
    expect(md).toContain('## ❌ Serverless test pyramid: failed')
    expect(md).toContain('| Tier | Result |')
    expect(md).toMatch(
      /> \[!NOTE\]\n> This summary was cut to stay under 64 KiB .*: shortened [a-z ,]*failed tests/
    )
    expect(md).toMatch(/… and 49,901 more failed tests not listed here/)
    expect(md).not.toContain('```text')
    const tighter = renderSummary(reportView(report), { limitBytes: 8 * 1024 })
    expect(utf8Bytes(tighter)).toBeLessThanOrEqual(8 * 1024)
    expect(tighter).toMatch(/left out [a-z ,]*failed tests/)
    expect(tighter).not.toContain('### 🐢 Slowest tests')
    expect(tighter).toContain(`| **total** |  | ${nb('50,001 failed')}, ${nb('1 passed')} |`)
  })

  it('places extra sections after its own and drops them by their own dropOrder', () => {
    const trend: Section = {
      id: 'trend',
      title: 'trend chart',
      dropOrder: 8,
      markdown: '### Trend\n\n```mermaid\nxychart-beta\n```'
    }
    const md = renderSummary(reportView(allGreen()), { extraSections: [trend] })
    expect(md.indexOf('### Trend')).toBeGreaterThan(md.indexOf('### 💲 Cost'))
    const huge: Section = {
      id: 'huge',
      title: 'history table',
      dropOrder: 9,
      markdown: 'h'.repeat(2 * 1024 * 1024)
    }
    const fitted = renderSummary(reportView(allGreen()), { extraSections: [huge, trend] })
    expect(fitted).not.toContain('hhhh')
    expect(fitted).toContain('### Trend')
    expect(fitted).toContain('left out history table')
  })

  it('says how many failed tests were annotated, with the right counts, only where annotations were emitted', () => {
    const md = renderSummary(reportView(manyFailures(25, 100)), { annotationsEmitted: 10 })
    expect(md).toContain(
      'The first 10 of 26 are also error annotations on their lines (GitHub shows at most 10 per step).'
    )
    const one = failuresAndFlaky()
    one.tiers[0]!.tests = one.tiers[0]!.tests.filter((t) => t.name !== 'adds VAT')
    one.tiers[1]!.tests = []
    const single = renderSummary(reportView(one), { annotationsEmitted: 0 })
    expect(single).not.toMatch(/annotat/)
    // A local run emits none: no note about annotations at all (it used to say "1 more … not annotated").
    expect(renderSummary(reportView(manyFailures(1, 100)))).not.toMatch(/annotat/)
  })

  it('is deterministic and does not modify the report', () => {
    for (const make of [allGreen, failuresAndFlaky, skippedTiers, e2eWithLeaks]) {
      const report = make()
      const before = JSON.stringify(report)
      const first = renderSummary(reportView(report))
      expect(JSON.stringify(report)).toBe(before)
      expect(renderSummary(reportView(make()))).toBe(first)
    }
  })

  it('gives sections stable ids and only the verdict and tier table are never dropped', () => {
    const sections = summarySections(reportView(e2eWithLeaks()))
    expect(sections.map((s) => s.id)).toEqual([
      'verdict',
      'tiers',
      'notes',
      'stacks',
      'slowest',
      'details',
      'cost'
    ])
    expect(sections.filter((s) => s.dropOrder === 0).map((s) => s.id)).toEqual(['verdict', 'tiers'])
  })

  it('keeps leaks and unconfirmed stacks in the compact stack section', () => {
    const stacks = summarySections(reportView(e2eWithLeaks())).find((s) => s.id === 'stacks')!
    expect(stacks.compact).toContain('Leaked resources: 1')
    expect(stacks.compact).toContain('Deletion not confirmed')
    expect(stacks.compact).not.toContain('DELETE_COMPLETE')
  })

  it('shows flaky evidence inside and across retries', () => {
    const md = renderSummary(reportView(failuresAndFlaky()))
    expect(md).toContain("<br>✗ attempt 1 (run 1) → ✓ attempt 2 (run 1), inside the runner's retries")
    expect(md).toContain("<br>✗ attempt 1 (run 1) → ✓ attempt 2 (run 2), across the action's retries")
  })

  it('never lets a hostile test name or message escape its place', () => {
    const md = renderSummary(reportView(failuresAndFlaky()))
    expect(md).not.toMatch(/<img|<details|<script|<!--/)
    // Mentions stay only inside code blocks, where GitHub does not link them.
    expect(md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '')).not.toMatch(/@(acme|octocat)/)
    expect(md).toContain('````text\na ``` fence\n```\n')
  })
})

describe('failure details', () => {
  it('shows the trace lines a one-line message leaves out (Expected / Received), once', () => {
    const report = failuresAndFlaky()
    report.tiers[0]!.tests = [
      test('unit', 'test/a.test.ts', ['totals'], 'ships free', [
        {
          outcome: 'failed',
          durationMs: 1,
          message: 'Error: expect(received).toBe(expected)',
          trace:
            'Error: expect(received).toBe(expected)\n\nExpected: 0\nReceived: 499\n    at test/a.test.ts:12:5'
        }
      ])
    ]
    const md = renderSummary(reportView(report))
    expect(md).toContain('Received: 499')
    expect(md.split('Error: expect(received).toBe(expected)')).toHaveLength(2)
  })

  it('leaves the skipped re-runs of a failed-only retry out of the flaky evidence', () => {
    const report = failuresAndFlaky()
    report.tiers[0]!.tests = [
      test('unit', 'test/a.test.ts', ['totals'], 'reads back', [
        { outcome: 'failed', durationMs: 1, runAttempt: 1, message: 'boom' },
        { outcome: 'passed', durationMs: 1, runAttempt: 2 },
        { outcome: 'skipped', durationMs: 0, runAttempt: 3 }
      ])
    ]
    const md = renderSummary(reportView(report))
    expect(md).toContain('<br>✗ attempt 1 (run 1) → ✓ attempt 2 (run 2), ')
  })
})
