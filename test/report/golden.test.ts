/**
 * Golden files: the job summary and terminal text of representative reports, byte for byte.
 * `UPDATE_GOLDEN=1` rewrites them (then read the diff as a reviewer would).
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderSummary } from '../../src/core/report/summary.js'
import { renderTerminal } from '../../src/core/report/terminal.js'
import { GOLDEN_REPORTS } from './reports.js'

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden')
const update = process.env.UPDATE_GOLDEN === '1'

function compare(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file)
  if (update) writeFileSync(path, actual)
  if (!existsSync(path))
    throw new Error(`golden file ${path} is missing: run with UPDATE_GOLDEN=1 to create it`)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('golden reports', () => {
  it.each(Object.keys(GOLDEN_REPORTS))('%s: job summary', (name) => {
    compare(`${name}.md`, renderSummary(GOLDEN_REPORTS[name]!()))
  })

  it.each(Object.keys(GOLDEN_REPORTS))('%s: terminal', (name) => {
    compare(`${name}.txt`, renderTerminal(GOLDEN_REPORTS[name]!(), { color: false, width: 120 }))
  })
})
