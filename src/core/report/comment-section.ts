/**
 * This job's section of the sticky PR comment, as blocks (see core/comment/section-blocks.ts):
 *
 *   head      the verdict line — for a passing job, a collapsed <details> holding the tier table
 *   tiers     the tier table (failing jobs: open)
 *   failures  the first failures open, each with its first message lines and a link to the file at
 *             the commit; the next ones folded by name (several blocks: see failureBlocks)
 *   flaky     flaky tests with their evidence
 *   cost      when the e2e stack was priced: the stack's lines by kind and the pre-deploy estimate
 *   history   the across-run block from history
 *   link      the full report in the job summary
 *
 * Passing jobs are collapsed (as dorny/test-reporter's `collapsed: auto` does): what needs a reader's
 * eyes is what failed. Pure.
 */
import { meteredSum } from '../cost/run-cost.js'
import { formatDuration, formatUsd } from '../cost/runner-cost.js'
import type { CommentSection } from '../comment/section-blocks.js'
import { codeBlock, escapeHtml, escapeInline } from './escape.js'
import { leadLines } from './excerpt.js'
import { failureOutputSection } from './sections/failure-output.js'
import { FLAKE_SCOPE_LABEL } from './evidence.js'
import { plural, runVerdict, VERDICT_LABEL } from './labels.js'
import { count, counted, nbsp } from './sections/md.js'
import { placeMarkdown } from './sections/place.js'
import { estimateVerdict } from './sections/estimate.js'
import { tiersSection } from './sections/tiers.js'
import { unpricedCounts } from './cost-rows.js'
import type { Section } from './section.js'
import type { ReportView } from './view.js'

export const COMMENT_LIMITS = {
  /** Failures shown open, each with its first message lines. */
  detailed: 5,
  messageLines: 3,
  messageLineChars: 200,
  /** Failures after those, folded, by name. */
  listed: 50,
  flaky: 10,
  nameChars: 200
}

/** What each block is called in the "to fit the comment" note. */
export const COMMENT_BLOCK_TITLES = {
  head: 'the tier table',
  tiers: 'the tier table',
  failures: 'failed tests',
  failure: 'failed tests',
  'failure-lines': 'failure messages',
  'failures-more': 'the list of more failed tests',
  flaky: 'flaky tests',
  'flaky-list': 'flaky test evidence',
  'failure-output': 'command output',
  cost: 'the cost lines',
  history: 'history',
  link: 'the link'
} as const satisfies Record<string, string>

export interface CommentSectionOptions {
  /** The section's name: the job (and tiers) it reports. */
  label: string
  /** Markdown of the across-run block (history), already escaped. */
  historyBlock?: string
}

export function commentSection(view: ReportView, opts: CommentSectionOptions): CommentSection {
  const result = runVerdict(view.result, view.counts.flaky)
  const link =
    view.origin.runUrl !== undefined ? `[Full report in the job summary](${view.origin.runUrl})` : ''
  const history: Section[] = opts.historyBlock?.trim()
    ? [
        {
          id: 'history',
          title: COMMENT_BLOCK_TITLES.history,
          dropOrder: 5,
          markdown: opts.historyBlock.trim()
        }
      ]
    : []
  const table = tiersSection(view).markdown
  const cost = costBlock(view)
  if (result === 'success' || result === 'skipped') {
    const inside = [table, link].filter((p) => p !== '').join('\n\n')
    return {
      result,
      blocks: [
        {
          id: 'head',
          title: COMMENT_BLOCK_TITLES.head,
          dropOrder: 0,
          markdown: `<details><summary>${headline(view, opts.label, 'html')}</summary>\n\n${inside}\n\n</details>`,
          compact: headline(view, opts.label, 'markdown')
        },
        ...cost,
        ...history
      ]
    }
  }
  const blocks: Section[] = [
    {
      id: 'head',
      title: COMMENT_BLOCK_TITLES.head,
      dropOrder: 0,
      markdown: headline(view, opts.label, 'markdown')
    },
    { id: 'tiers', title: COMMENT_BLOCK_TITLES.tiers, dropOrder: 0, markdown: table },
    ...failureBlocks(view),
    ...[failureOutputSection(view)].filter((b) => b !== undefined),
    ...flakyBlocks(view),
    ...cost,
    ...history,
    ...(link !== '' ? [{ id: 'link', title: COMMENT_BLOCK_TITLES.link, dropOrder: 0, markdown: link }] : [])
  ]
  return { result, blocks }
}

/** "❌ **unit-tests** failed · 3,004 tests: 3,003 failed, 1 flaky · ⏱️ 2 min 05 s · 💲 $0.0120" */
function headline(view: ReportView, label: string, as: 'html' | 'markdown'): string {
  const c = view.counts
  const verdict = VERDICT_LABEL[runVerdict(view.result, c.flaky)]
  const name = as === 'html' ? `<b>${escapeHtml(label)}</b>` : `**${escapeInline(label)}**`
  const details: string[] = []
  if (c.failed > 0) details.push(counted(c.failed, 'failed'))
  if (c.flaky > 0) details.push(counted(c.flaky, 'flaky'))
  if (c.skipped > 0) details.push(counted(c.skipped, 'skipped'))
  const tests =
    c.tests === 0
      ? 'no test report'
      : `${counted(c.tests, c.tests === 1 ? 'test' : 'tests')}${details.length > 0 ? `: ${details.join(', ')}` : ''}`
  return [
    `${verdict.icon} ${name} ${verdict.word}`,
    tests,
    `⏱️ ${nbsp(formatDuration(view.durationMs))}`,
    `💲 ${formatUsd(view.costUsd)}`
  ].join(' · ')
}

/**
 * The e2e stack's cost in one line per kind, and the estimate made before the deploy: in the comment
 * only when the stack was priced (runner minutes alone are the headline's total).
 */
function costBlock(view: ReportView): Section[] {
  const resources = view.cost.resources
  const estimate = view.stacks?.estimate
  const parts: string[] = []
  if (estimate !== undefined)
    parts.push(
      `💲 **E2E stacks before the deploy:** ${formatUsd(estimate.usdPerHour)}/hour in ${escapeInline(estimate.region)} · ${estimateVerdict(estimate)}`
    )
  if (resources.length > 0) {
    const others = unpricedCounts(resources)
    const notPriced = resources.filter((l) => l.kind === 'not-priced').map((l) => escapeInline(l.item, 100))
    const named =
      notPriced.length > 0 ? ` (${notPriced.slice(0, 5).join(', ')}${notPriced.length > 5 ? ', …' : ''})` : ''
    parts.push(
      `💲 **E2E stack resources:** ${formatUsd(meteredSum(resources))}${others !== undefined ? ` · ${others}${named}` : ''} · the job summary has every line`
    )
  }
  if (parts.length === 0) return []
  return [{ id: 'cost', title: COMMENT_BLOCK_TITLES.cost, dropOrder: 4, markdown: parts.join('<br>\n') }]
}

/**
 * The failures, as small blocks so that any writer can shorten them by dropping blocks alone (their
 * ranks say in which order): first the folded list of more failures, then the message lines of each,
 * then the names. A section fitted by another writer thus folds exactly like one fitted by its own.
 */
function failureBlocks(view: ReportView): Section[] {
  const { total, shown } = view.failures
  if (total === 0) return []
  const open = shown.slice(0, COMMENT_LIMITS.detailed)
  const heading =
    total > open.length ? `**Failed tests** (first ${open.length} of ${count(total)})` : `**Failed tests**`
  const entry = (f: (typeof shown)[number]) => {
    const parts = [`❌ **${f.tier}** · ${escapeInline(f.title, COMMENT_LIMITS.nameChars)}`]
    if (f.place !== undefined) parts.push(placeMarkdown(f.place))
    return parts.join(' · ')
  }
  const blocks: Section[] = [
    { id: 'failures', title: COMMENT_BLOCK_TITLES.failures, dropOrder: 1, markdown: heading }
  ]
  open.forEach((f, i) => {
    blocks.push({
      id: `failure-${i + 1}`,
      title: COMMENT_BLOCK_TITLES.failure,
      dropOrder: 1,
      markdown: entry(f)
    })
    const lines = leadLines(f.excerpt, COMMENT_LIMITS.messageLines).map((l) =>
      l.length > COMMENT_LIMITS.messageLineChars ? `${l.slice(0, COMMENT_LIMITS.messageLineChars - 1)}…` : l
    )
    if (lines.length > 0)
      blocks.push({
        id: `failure-${i + 1}-lines`,
        title: COMMENT_BLOCK_TITLES['failure-lines'],
        dropOrder: 2,
        markdown: codeBlock(lines.join('\n'), 'text')
      })
  })
  const rest = shown.slice(open.length, open.length + COMMENT_LIMITS.listed)
  if (rest.length > 0) {
    const unlisted = total - open.length - rest.length
    blocks.push({
      id: 'failures-more',
      title: COMMENT_BLOCK_TITLES['failures-more'],
      dropOrder: 4,
      markdown: `<details><summary>${escapeHtml(plural(total - open.length, 'more failed test'))}</summary>\n\n${rest
        .map((f) => `- ${entry(f)}`)
        .join(
          '\n'
        )}${unlisted > 0 ? `\n\n… and ${count(unlisted)} more in the job summary and the CTRF report.` : ''}\n\n</details>`
    })
  }
  return blocks
}

function flakyBlocks(view: ReportView): Section[] {
  const { total, shown } = view.flaky
  if (total === 0) return []
  const listed = shown.slice(0, COMMENT_LIMITS.flaky)
  const items = listed.map((t) => {
    const where = t.place !== undefined ? ` · ${placeMarkdown(t.place)}` : ''
    return `- ⚠️ **${t.tier}** · ${escapeInline(t.title, COMMENT_LIMITS.nameChars)}${where}<br>${escapeInline(t.evidence.sequence)}, ${FLAKE_SCOPE_LABEL[t.evidence.scope]}`
  })
  const more = total > listed.length ? `\n\n… and ${plural(total - listed.length, 'more flaky test')}.` : ''
  const heading = `**Flaky tests** (${count(total)}): ${view.failOnFlaky ? 'they fail their tier (`fail-on-flaky: true`)' : 'they failed, then passed'}`
  return [
    { id: 'flaky', title: COMMENT_BLOCK_TITLES.flaky, dropOrder: 1, markdown: heading },
    {
      id: 'flaky-list',
      title: COMMENT_BLOCK_TITLES['flaky-list'],
      dropOrder: 3,
      markdown: `${items.join('\n')}${more}`
    }
  ]
}
