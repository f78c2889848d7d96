/** findReportFiles over a real temp tree. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { findReportFiles } from '../../src/adapters/files/find-reports.js'

let root: string
const files = [
  'results/junit.xml',
  'results/nested/deeper/report.json',
  'results/notes.txt',
  'results/.hidden/h.xml',
  'results/node_modules/pkg/package.json',
  'build/test-reports/TEST-com.example.CalcTest.xml',
  'build/test-reports/TEST-com.example.Other.xml',
  'build/other.xml'
]

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pyramid-find-'))
  for (const f of files) {
    await mkdir(path.dirname(path.join(root, f)), { recursive: true })
    await writeFile(path.join(root, f), '<testsuites/>')
  }
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const abs = (...rel: string[]) => rel.map((r) => path.join(root, r))

describe('findReportFiles', () => {
  it('takes every .xml/.json under the folders, recursively, hidden folders included, node_modules not', async () => {
    const found = await findReportFiles({ dirs: ['results'], globs: [], cwd: root })
    expect(found).toEqual(
      abs('results/.hidden/h.xml', 'results/junit.xml', 'results/nested/deeper/report.json')
    )
  })

  it('adds the globs (relative to cwd), de-duplicated and sorted', async () => {
    const found = await findReportFiles({
      dirs: [path.join(root, 'results')],
      globs: ['build/test-reports/TEST-*.xml', 'results/*.xml'],
      cwd: root
    })
    expect(found).toEqual(
      abs(
        'build/test-reports/TEST-com.example.CalcTest.xml',
        'build/test-reports/TEST-com.example.Other.xml',
        'results/.hidden/h.xml',
        'results/junit.xml',
        'results/nested/deeper/report.json'
      )
    )
  })

  it('a folder that does not exist and a glob that matches nothing give no files', async () => {
    expect(await findReportFiles({ dirs: ['missing'], globs: ['nothing/**/*.xml'], cwd: root })).toEqual([])
  })
})
