/**
 * Golden files: the job summary and terminal text of representative reports, byte for byte.
 * `UPDATE_GOLDEN=1` rewrites them (then read the diff as a reviewer would).
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { reportView } from '../../src/core/report/view.js'
import { renderSummary } from '../../src/core/report/summary.js'
import { renderTerminal } from '../../src/core/report/terminal.js'
import { fitStickyBody, type FitInput } from '../../src/core/comment/fit.js'
import { commentSection } from '../../src/core/report/comment-section.js'
import { commentPreview } from '../../src/core/report/comment-preview.js'
import { trendChartsMarkdown } from '../../src/core/history/trend-charts.js'
import type { TrendPoint } from '../../src/core/history/trend.js'
import { tableProblems } from '../golden/markdown-checks.js'
import { allGreen, failuresAndFlaky, flakyOnly, GOLDEN_REPORTS } from './reports.js'

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden')
const update = process.env.UPDATE_GOLDEN === '1'

function compare(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file)
  if (update) writeFileSync(path, actual)
  if (!existsSync(path))
    throw new Error(`golden file ${path} is missing: run with UPDATE_GOLDEN=1 to create it`)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

/** 30 jobs of one workflow writing to one comment: 27 green, 2 flaky, 1 failing. */
export function thirtyJobs(): string {
  const sections = new Map<string, FitInput>()
  for (let i = 0; i < 30; i++) {
    const key = `shard-${String(i + 1).padStart(2, '0')}-unit`
    const make = i === 17 ? failuresAndFlaky : i === 4 || i === 22 ? flakyOnly : allGreen
    sections.set(key, commentSection(reportView(make()), { label: key }))
  }
  const run = 'https://github.com/acme/orders/actions/runs/987654321/attempts/1'
  return fitStickyBody({ title: 'Serverless test pyramid', sections }, 65_536, run).body
}

/** 20 runs: sub-minute unit and integration tiers, an e2e tier of ~12 minutes that did not run in 3 of them. */
export function trendPointsFixture(): TrendPoint[] {
  return Array.from({ length: 20 }, (_, i) => {
    const e2e = [2, 6, 7].includes(i) ? {} : { e2e: 600_000 + ((i * 37) % 9) * 15_000 }
    return {
      label: `${(0xabc1234 + i * 4099).toString(16).slice(0, 7)}${i === 19 ? '.2' : ''}`,
      at: `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
      durationMs: {
        unit: 30_000 + ((i * 7) % 11) * 2_500,
        integration: 45_000 + ((i * 5) % 13) * 3_000,
        ...e2e
      },
      costUsd: {},
      flakyRate: ((i * 3) % 5) / 100,
      totalCostUsd: 0.1 + 0.2 * ((i % 3) / 2)
    }
  })
}

describe('golden reports', () => {
  it('trends: charts', () => {
    compare('trends.md', trendChartsMarkdown(trendPointsFixture()))
  })

  it.each(Object.keys(GOLDEN_REPORTS))('%s: PR comment', (name) => {
    const md = commentPreview(reportView(GOLDEN_REPORTS[name]!()), 'pyramid')
    expect(tableProblems(md)).toEqual([])
    compare(`${name}.comment.md`, md)
  })

  it('30 jobs: PR comment', () => {
    const md = thirtyJobs()
    expect(tableProblems(md)).toEqual([])
    compare('thirty-jobs.comment.md', md)
  })

  it.each(Object.keys(GOLDEN_REPORTS))('%s: job summary', (name) => {
    const md = renderSummary(reportView(GOLDEN_REPORTS[name]!()))
    expect(tableProblems(md)).toEqual([])
    compare(`${name}.md`, md)
  })

  it.each(Object.keys(GOLDEN_REPORTS))('%s: terminal', (name) => {
    compare(`${name}.txt`, renderTerminal(reportView(GOLDEN_REPORTS[name]!()), { color: false, width: 120 }))
  })
})
