/**
 * Every untrusted field of a report (test names, messages, notes, facts, reasons, stack resources, cost
 * items, the comment note) holds hostile text: the rendered summary must keep its structure and carry
 * no live HTML, comment, link, image or mention.
 */
import { describe, expect, it } from '@jest/globals'
import { reportView } from '../../src/core/report/view.js'
import { renderSummary } from '../../src/core/report/summary.js'
import type { RunReport } from '../../src/core/results/report.js'
import { e2eWithLeaks, failuresAndFlaky, test } from './reports.js'

const EVIL =
  'x | y <img src=x onerror=alert(1)> <!-- marker --> [a](https://evil.example) ![i](j) @acme/admins #7 ``` `\n| --- |'

function hostile(report: RunReport): RunReport {
  for (const tier of report.tiers) {
    tier.notes.push({ level: 'warning', text: EVIL })
    tier.facts[EVIL] = EVIL
    tier.phases.push({ name: EVIL, kind: 'setup', durationMs: 5, ok: false, detail: EVIL })
    if (tier.outcome.kind === 'skipped') tier.outcome.reason = EVIL
    tier.tests.push(
      test(tier.tier, EVIL, [EVIL], EVIL, [{ outcome: 'failed', message: EVIL, durationMs: 99_999 }], 1),
      test(
        tier.tier,
        EVIL,
        [EVIL],
        `${EVIL} flaky`,
        [{ outcome: 'failed', message: EVIL }, { outcome: 'passed' }],
        2
      )
    )
  }
  report.tiers[0]!.outcome = { kind: 'setup-failed', reason: EVIL }
  report.commentNote = EVIL
  report.costLines.push(
    { kind: 'usage-priced', tier: 'e2e', item: EVIL, unitPrice: EVIL },
    { kind: 'not-priced', tier: 'e2e', item: EVIL, reason: EVIL },
    { kind: 'metered', tier: 'e2e', item: EVIL, usd: 0.01, basis: EVIL }
  )
  const stacks = report.stacks!
  stacks.region = EVIL
  stacks.stacks.push({ name: EVIL, finalStatus: EVIL })
  stacks.failedResources.push({ stackName: EVIL, logicalId: EVIL, type: EVIL, status: EVIL, reason: EVIL })
  stacks.leaked.push({ stackName: EVIL, logicalId: EVIL, type: EVIL, physicalId: EVIL })
  stacks.unconfirmed.push(EVIL)
  stacks.expiresAt = EVIL
  return report
}

/**
 * The markdown outside fenced code blocks and code spans (inside them nothing is live). A code span opens
 * at a backtick run that is not backslash-escaped and closes at the next run of the same length.
 */
function outsideCode(md: string): string {
  return md
    .replace(/^(`{3,})[a-z]*\n[\s\S]*?\n\1$/gm, '')
    .replace(/(?<![\\`])(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '«code»')
}

describe('a report full of hostile text', () => {
  const reports: [string, RunReport][] = [
    ['failures and flaky', hostile({ ...failuresAndFlaky(), stacks: e2eWithLeaks().stacks! })],
    ['e2e with leaks', hostile(e2eWithLeaks())]
  ]

  it.each(reports)('%s: no live HTML, comments, links, images or mentions', (_name, report) => {
    // Our own folds of multi-line notes are the only <details> allowed (hostile text is escaped).
    const ours = /<details><summary>\d+ more lines?<\/summary>|<\/details>/g
    const md = outsideCode(renderSummary(reportView(report))).replace(ours, '')
    expect(md).not.toMatch(/<(img|!--|script|details|summary)/)
    expect(md).not.toMatch(/(?<!\\)\[a(?<!\\)\]\(/)
    expect(md).not.toMatch(/!\[i/)
    expect(md).not.toMatch(/@acme/)
    expect(md).not.toMatch(/#7/)
    expect(md).not.toMatch(/https:\/\/evil/)
    // Our own links are the only ones: to the run, and to files at the commit on the repository's server.
    for (const [, url] of md.matchAll(/(?<!\\)\]\(([^)\s]*)\)/g)) {
      expect(url).toMatch(
        /^https:\/\/github\.com\/acme\/orders\/(actions\/runs\/987654321\/|blob\/0123456789abcdef)/
      )
    }
  })

  it.each(reports)('%s: every table row keeps the column count of its header', (_name, report) => {
    const lines = renderSummary(reportView(report)).split('\n')
    let columns: number | undefined
    for (const line of lines) {
      if (!line.startsWith('|')) {
        columns = undefined
        continue
      }
      const cells = (line.match(/(?<!\\)\|/g) ?? []).length
      columns ??= cells
      expect([line, cells]).toEqual([line, columns])
    }
  })

  it.each(reports)('%s: code fences are never closed early', (_name, report) => {
    const md = renderSummary(reportView(report))
    const blocks = [...md.matchAll(/^(`{3,})text\n([\s\S]*?)\n\1$/gm)]
    expect(blocks.length).toBeGreaterThan(0)
    for (const [, fence, body] of blocks) expect(body).not.toMatch(new RegExp(`^${fence}`, 'm'))
  })
})
