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

describe('golden reports', () => {
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
