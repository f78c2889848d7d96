/**
 * The run report for a terminal (the CLI): the same information as the job summary, compactly, as plain
 * text with optional ANSI colors, each line cut to `width`. Untrusted text is stripped of control and
 * escape sequences so a test name cannot drive the terminal. Pure.
 */
import { formatDuration, formatUsd } from '../cost/runner-cost.js'
import type { StackReport } from '../results/report.js'
import { tierRan } from '../results/run.js'
import { costNotes, costRows } from './cost-rows.js'
import { estimateVerdict } from './sections/estimate.js'
import { resultText, testsText } from './sections/tiers.js'
import { cleanText, truncateText } from './escape.js'
import { FLAKE_SCOPE_LABEL } from './evidence.js'
import { plural, runVerdict, TIER_RESULT_LABEL, VERDICT_LABEL } from './labels.js'
import { placeText } from './sections/place.js'
import { timelineLines } from './terminal-timeline.js'
import type { ReportView, TierRow } from './view.js'
import { thousands } from '../thousands.js'

export interface TerminalOptions {
  color: boolean
  /** Columns; lines longer than this are cut with "…". */
  width: number
}

const SHOWN_FAILURES = 20
const MESSAGE_LINES = 6
const SHOWN_FLAKY = 20

type Paint = (code: string, text: string) => string

/** One line of untrusted text: no control characters, no newlines. */
function plain(text: string): string {
  return cleanText(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\t/g, ' ')
}

export function renderTerminal(view: ReportView, opts: TerminalOptions): string {
  const paint: Paint = opts.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text
  const width = Math.max(20, opts.width)
  // Cut before painting, so escape codes never count toward (or get cut by) the width.
  const line = (text: string, code?: string) => {
    const cut = truncateText(text, width)
    return code !== undefined ? paint(code, cut) : cut
  }
  const out: string[] = [...verdict(view, line), '', ...tiers(view, line, width)]
  out.push(...block('Notes', notes(view, width), line))
  out.push(...block('Command output', failureOutput(view), line, '31'))
  out.push(...block(`Failed tests (${thousands(view.failures.total)})`, failed(view), line, '31'))
  out.push(...block(`Flaky tests (${thousands(view.flaky.total)})`, flaky(view), line, '33'))
  if (view.stacks) out.push(...block('E2E stack', stacks(view.stacks), line))
  if (view.timeline) out.push(...block('Timeline', timelineLines(view.timeline, width - 2), line))
  out.push(...block('Slowest tests', slowest(view), line))
  out.push(...block('Cost (estimate)', cost(view, width), line))
  if (view.commentNote !== undefined) out.push('', line(`PR comment: ${plain(view.commentNote)}`, '2'))
  return `${out.join('\n')}\n`
}

type Line = (text: string, code?: string) => string

/** A line that is never cut at the terminal width (a file path: cut, it points nowhere). */
interface Whole {
  whole: string
}

function block(title: string, lines: (string | Whole)[], line: Line, code = '1'): string[] {
  if (lines.length === 0) return []
  return [
    '',
    line(title, code),
    ...lines.map((l) => (typeof l === 'string' ? line(`  ${l}`.trimEnd()) : `  ${l.whole}`))
  ]
}

function verdict(view: ReportView, line: Line): string[] {
  const c = view.counts
  const { mark, color, word } = VERDICT_LABEL[runVerdict(view.result, c.flaky)]
  const counts =
    c.tests === 0
      ? 'no test results'
      : `${plural(c.tests, 'test')}: ${thousands(c.failed)} failed, ${thousands(c.passed)} passed, ${thousands(c.skipped)} skipped, ${thousands(c.flaky)} flaky`
  return [
    line(`${mark} Serverless test pyramid: ${word}`, `1;${color}`),
    line(`${counts} · ${formatDuration(view.durationMs)} · ${formatUsd(view.costUsd)} (estimate)`)
  ]
}

function tiers(view: ReportView, line: Line, width: number): string[] {
  return view.tiers.flatMap((row) => {
    const { mark, color: code } = TIER_RESULT_LABEL[row.result]
    // The tier's line wraps under its text instead of losing its end (the cost) at the terminal's width.
    const [first = '', ...rest] = wrap(tierText(row), width - 14, REASON_LINES)
    return [
      line(`${mark} ${row.run.tier.padEnd(11)} ${first}`, code),
      ...rest.map((l) => line(`${' '.repeat(14)}${l}`)),
      // Why a tier was skipped or failed says what to do: wrapped, never cut.
      ...tierReasons(row).flatMap((r) => wrap(r, width - 4, REASON_LINES).map((l) => line(`    ${l}`)))
    ]
  })
}

const REASON_LINES = 12

/** Word-wraps one line of text to `width` columns, at most `maxLines` lines (the last one cut). */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current)
      current = word
    } else current = current === '' ? word : `${current} ${word}`
  }
  if (current !== '') lines.push(current)
  return lines.length > maxLines ? [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]} …`] : lines
}

/** The same words as the summary's tier table (without its icon: the line starts with a mark). */
function tierText(row: TierRow): string {
  if (!tierRan(row.run)) return 'skipped'
  const t = (ms: number) => (ms > 0 ? formatDuration(ms) : '—')
  const result = resultText(row)
    .replace(/\u00a0/g, ' ')
    .replace(/^\S+ /, '')
  return [
    result,
    testsText(row.counts).replace(/\u00a0/g, ' '),
    ...(row.counts.flaky > 0 ? [`${thousands(row.counts.flaky)} flaky`] : []),
    `setup ${t(row.timing.setupMs)}, test ${t(row.timing.testMs)}, teardown ${t(row.timing.teardownMs)}`,
    formatUsd(row.costUsd)
  ].join(' · ')
}

function tierReasons(row: TierRow): string[] {
  const r = row.run
  const reasons: string[] = []
  const o = r.outcome
  if (o.kind === 'skipped') reasons.push(plain(o.reason))
  if (o.kind === 'cancelled') reasons.push('cancelled')
  if (o.kind === 'setup-failed') reasons.push(`setup failed: ${plain(o.reason)}`)
  if (r.teardownFailure !== undefined) reasons.push(`teardown failed: ${plain(r.teardownFailure)}`)
  return reasons
}

const NOTE_LINES = 6

/** Notes say what to do too: wrapped (a long log in a note is cut after a few lines). */
function notes(view: ReportView, width: number): string[] {
  const mark = { info: 'i', warning: '⚠', error: '✖' } as const
  return view.tiers.flatMap((t) =>
    t.run.notes.flatMap((n) =>
      wrap(`${mark[n.level]} ${t.run.tier}: ${plain(n.text)}`, width - 4, NOTE_LINES).map((l, i) =>
        i === 0 ? l : `  ${l}`
      )
    )
  )
}

/** The end of the output of a command whose exit code failed its tier unexplained, as it was printed. */
function failureOutput(view: ReportView): string[] {
  return view.tiers.flatMap(({ run }) => {
    const out = run.failureOutput
    if (out === undefined) return []
    const head = `✖ ${run.tier}: exit ${out.exitCode ?? '?'} on attempt ${out.attempt}, no failed test to explain it; its last lines:`
    return [head, ...out.lines.map((l) => `  │ ${cleanText(l)}`)]
  })
}

/** Each failure: its name, its place on a line of its own (never cut), then its first excerpt lines. */
function failed(view: ReportView): (string | Whole)[] {
  const lines = view.failures.shown.slice(0, SHOWN_FAILURES).flatMap((f): (string | Whole)[] => {
    const head = `✖ ${f.tier}  ${plain(f.title)}`
    const place = f.place !== undefined ? [{ whole: `    at ${plain(placeText(f.place))}` }] : []
    const body = f.excerpt.slice(0, MESSAGE_LINES).map((l) => `    ${plain(l)}`.trimEnd())
    if (f.excerpt.length > MESSAGE_LINES)
      body.push(`    … (${plural(f.excerpt.length - MESSAGE_LINES, 'more line')})`)
    return [head, ...place, ...body]
  })
  const rest = view.failures.total - Math.min(view.failures.shown.length, SHOWN_FAILURES)
  if (rest > 0) lines.push(`… and ${thousands(rest)} more`)
  return lines
}

function flaky(view: ReportView): string[] {
  const lines = view.flaky.shown
    .slice(0, SHOWN_FLAKY)
    .flatMap((t) => [
      `⚠ ${t.tier}  ${plain(t.title)}`,
      `    ${t.evidence.sequence} — ${FLAKE_SCOPE_LABEL[t.evidence.scope]}`
    ])
  const rest = view.flaky.total - Math.min(view.flaky.shown.length, SHOWN_FLAKY)
  if (rest > 0) lines.push(`… and ${thousands(rest)} more`)
  return lines
}

function slowest(view: ReportView): string[] {
  return view.slowest.map(
    (t, i) =>
      `${String(i + 1).padStart(2)}. ${formatDuration(t.durationMs).padStart(9)}  ${t.tier.padEnd(11)} ${plain(t.title)}`
  )
}

function stacks(s: StackReport): string[] {
  const lines = [`region ${plain(s.region)}, account ${plain(s.accountMasked)}`]
  if (s.estimate !== undefined) {
    const hourly = s.estimate.lines.flatMap((l) =>
      l.kind === 'metered' ? [`${plain(l.item)} ${formatUsd(l.usd)}/hour`] : []
    )
    lines.push(
      `before the deploy: ${formatUsd(s.estimate.usdPerHour)}/hour in ${plain(s.estimate.region)}, ${estimateVerdict(s.estimate).replace(/`/g, '')}${hourly.length > 0 ? ` (${hourly.join(', ')})` : ''}`
    )
  }
  for (const st of s.stacks) {
    const times = [
      st.deployMs !== undefined ? `deploy ${formatDuration(st.deployMs)}` : '',
      st.destroyMs !== undefined ? `destroy ${formatDuration(st.destroyMs)}` : ''
    ]
    lines.push(`${plain(st.name)}  ${plain(st.finalStatus)}  ${times.filter((x) => x).join(', ')}`)
  }
  for (const r of s.failedResources) {
    lines.push(
      `✖ ${plain(r.stackName)}/${plain(r.logicalId)} (${plain(r.type)}) ${plain(r.status ?? '')}: ${plain(r.reason ?? '')}`
    )
  }
  for (const r of s.leaked) {
    lines.push(
      `LEAKED, still billing: ${plain(r.stackName)}/${plain(r.logicalId)} (${plain(r.type)}) ${plain(r.physicalId ?? '')}`
    )
  }
  if (s.unconfirmed.length > 0) {
    const when = s.expiresAt !== undefined ? `after ${plain(s.expiresAt)}` : 'on its next sweep'
    lines.push(
      `deletion not confirmed: ${s.unconfirmed.map(plain).join(', ')} (the janitor deletes them ${when})`
    )
  }
  return lines
}

function cost(view: ReportView, width: number): string[] {
  const lines = costRows(view.cost.lines).map(
    (r) =>
      `${r.tier.padEnd(11)} ${r.amount.padStart(12)}  ${plain(r.item)}${r.detail !== undefined ? ` (${plain(r.detail)})` : ''}`
  )
  if (lines.length === 0) return []
  lines.push(`${'total'.padEnd(11)} ${formatUsd(view.cost.totalUsd).padStart(12)}`)
  return [...lines, ...costNotes(view).flatMap((n) => wrap(plain(n), width - 4, NOTE_LINES))]
}
