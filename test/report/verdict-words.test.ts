/**
 * One verdict, one wording: the summary's title, the terminal's first line, the PR comment's section
 * headline and the sticky comment's title say the same word with the same sign for each verdict.
 */
import { describe, expect, it } from '@jest/globals'
import { titleLine } from '../../src/core/comment/sticky-body.js'
import { commentSection } from '../../src/core/report/comment-section.js'
import { renderSummary } from '../../src/core/report/summary.js'
import { renderTerminal } from '../../src/core/report/terminal.js'
import { reportView } from '../../src/core/report/view.js'
import { skippedTier, type TierRun } from '../../src/core/results/run.js'
import type { RunReport } from '../../src/core/results/report.js'
import { allGreen, failuresAndFlaky, flakyOnly } from './reports.js'

const cancelled = (): RunReport => {
  const report = allGreen()
  const [unit, ...rest] = report.tiers
  const stopped: TierRun = { ...unit!, outcome: { kind: 'cancelled', attempts: [] } }
  return { ...report, tiers: [stopped, ...rest] }
}
const nothingRan = (): RunReport => ({
  ...allGreen(),
  tiers: [skippedTier('unit', 'not in tiers'), skippedTier('e2e', 'not in tiers')],
  costLines: []
})

describe('verdict wording', () => {
  it.each([
    ['passed', '✅', '✔', allGreen],
    ['passed with flaky tests', '⚠️', '⚠', flakyOnly],
    ['failed', '❌', '✖', failuresAndFlaky],
    ['cancelled', '🛑', '■', cancelled],
    ['skipped (no tier ran)', '⏭️', '○', nothingRan]
  ])('%s: the same in the summary, the terminal and the comment', (word, icon, mark, make) => {
    const view = reportView(make())
    expect(renderSummary(view).split('\n')[0]).toBe(`## ${icon} Serverless test pyramid: ${word}`)
    expect(renderTerminal(view, { color: false, width: 100 }).split('\n')[0]).toBe(
      `${mark} Serverless test pyramid: ${word}`
    )
    const section = commentSection(view, { label: 'test' })
    const title = titleLine({
      title: 'Serverless test pyramid',
      sections: new Map([['test', '']]),
      results: new Map([['test', section.result]])
    })
    expect(title).toBe(`### ${icon} Serverless test pyramid: ${word}`)
  })
})
