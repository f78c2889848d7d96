/**
 * The run report for a terminal (the CLI): the same information as the job summary, compactly, as plain
 * text with optional ANSI colors, each line cut to `width`. Untrusted text is stripped of control and
 * escape sequences so a test name cannot drive the terminal. Pure.
 */
import { formatDuration, formatUsd } from '../cost/runner-cost.js'
import { testDurationMs, type Counts } from '../results/model.js'
import type { RunReport, StackReport } from '../results/report.js'
import { costBreakdown } from '../cost/run-cost.js'
import { commandAttempts, tierRan, verdictFromExitCode, type TierResult } from '../results/run.js'
import { cleanText, firstLines, truncateText } from './escape.js'
import { FLAKE_SCOPE_LABEL, flakyEvidence } from './evidence.js'
import { plural, RUN_RESULT_WORD } from './labels.js'
import { failureText, reportView, testLocation, testTitle, type ReportView, type TierRow } from './view.js'

export interface TerminalOptions {
  color: boolean
  /** Columns; lines longer than this are cut with "…". */
  width: number
}

const SHOWN_FAILURES = 20
const MESSAGE_LINES = 6
const SHOWN_FLAKY = 20

type Paint = (code: string, text: string) => string

const TIER_MARK: Record<TierResult, [string, string]> = {
  passed: ['✔', '32'],
  failed: ['✖', '31'],
  skipped: ['○', '2'],
  cancelled: ['■', '33']
}

/** One line of untrusted text: no control characters, no newlines. */
function plain(text: string): string {
  return cleanText(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\t/g, ' ')
}

export function renderTerminal(report: RunReport, opts: TerminalOptions): string {
  const paint: Paint = opts.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text
  const view = reportView(report)
  const width = Math.max(20, opts.width)
  // Cut before painting, so escape codes never count toward (or get cut by) the width.
  const line = (text: string, code?: string) => {
    const cut = truncateText(text, width)
    return code !== undefined ? paint(code, cut) : cut
  }
  const out: string[] = [...verdict(view, line), '', ...tiers(view, line, width)]
  out.push(...block('Notes', notes(view, width), line))
  out.push(...block(`Failed tests (${view.failed.length})`, failed(view, width), line, '31'))
  out.push(...block(`Flaky tests (${view.flaky.length})`, flaky(view), line, '33'))
  if (report.stacks) out.push(...block('E2E stack', stacks(report.stacks), line))
  out.push(...block('Slowest tests', slowest(view), line))
  out.push(...block('Cost (estimate)', cost(report, view), line))
  if (report.commentNote !== undefined) out.push('', line(`PR comment: ${plain(report.commentNote)}`, '2'))
  return `${out.join('\n')}\n`
}

type Line = (text: string, code?: string) => string

function block(title: string, lines: string[], line: Line, code = '1'): string[] {
  if (lines.length === 0) return []
  return ['', line(title, code), ...lines.map((l) => line(`  ${l}`.trimEnd()))]
}

function verdict(view: ReportView, line: Line): string[] {
  const c = view.counts
  const [mark, code] =
    view.result === 'failure'
      ? ['✖', '31']
      : view.result === 'success'
        ? c.flaky > 0
          ? ['⚠', '33']
          : ['✔', '32']
        : ['⚠', '33']
  const counts =
    c.tests === 0
      ? 'no test results'
      : `${plural(c.tests, 'test')}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.flaky} flaky`
  return [
    line(`${mark} Serverless test pyramid: ${RUN_RESULT_WORD[view.result]}`, `1;${code}`),
    line(`${counts} · ${formatDuration(view.durationMs)} · ${formatUsd(view.costUsd)} (estimate)`)
  ]
}

function tiers(view: ReportView, line: Line, width: number): string[] {
  return view.tiers.flatMap((row) => {
    const [mark, code] = TIER_MARK[row.result]
    return [
      line(`${mark} ${row.run.tier.padEnd(11)} ${tierText(row)}`, code),
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

function tierText(row: TierRow): string {
  const r = row.run
  if (!tierRan(r)) return 'skipped'
  const attempts = commandAttempts(r).length
  const c = row.counts
  const t = (ms: number) => (ms > 0 ? formatDuration(ms) : '—')
  return [
    row.result +
      (attempts > 1 ? ` after ${attempts} attempts` : '') +
      (verdictFromExitCode(r) ? ' (exit code)' : ''),
    c.tests > 0 ? countsText(c) : 'no test results',
    `setup ${t(row.timing.setupMs)}, test ${t(row.timing.testMs)}, teardown ${t(row.timing.teardownMs)}`,
    formatUsd(row.costUsd)
  ].join(' · ')
}

/** "3 passed, 1 failed, 2 flaky": zero failed/skipped/flaky counts are left out. */
function countsText(c: Counts): string {
  const parts = [`${c.passed} passed`]
  if (c.failed > 0) parts.push(`${c.failed} failed`)
  if (c.skipped > 0) parts.push(`${c.skipped} skipped`)
  if (c.flaky > 0) parts.push(`${c.flaky} flaky`)
  return parts.join(', ')
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

function failed(view: ReportView, width: number): string[] {
  const lines = view.failed.slice(0, SHOWN_FAILURES).flatMap((t) => {
    const location = testLocation(t)
    const head = `✖ ${t.tier}  ${plain(testTitle(t))}${location !== undefined ? `  (${plain(location)})` : ''}`
    const message = failureText(t)
    const body =
      message.trim() === '' ? [] : firstLines(message, MESSAGE_LINES, MESSAGE_LINES * width).split('\n')
    return [head, ...body.map((l) => `    ${l.replace(/\t/g, ' ')}`.trimEnd())]
  })
  if (view.failed.length > SHOWN_FAILURES) lines.push(`… and ${view.failed.length - SHOWN_FAILURES} more`)
  return lines
}

function flaky(view: ReportView): string[] {
  const lines = view.flaky.slice(0, SHOWN_FLAKY).flatMap((t) => {
    const e = flakyEvidence(t)
    return [`⚠ ${t.tier}  ${plain(testTitle(t))}`, `    ${e.sequence} — ${FLAKE_SCOPE_LABEL[e.scope]}`]
  })
  if (view.flaky.length > SHOWN_FLAKY) lines.push(`… and ${view.flaky.length - SHOWN_FLAKY} more`)
  return lines
}

function slowest(view: ReportView): string[] {
  return view.slowest.map(
    (t, i) =>
      `${String(i + 1).padStart(2)}. ${formatDuration(testDurationMs(t)).padStart(7)}  ${t.tier.padEnd(11)} ${plain(testTitle(t))}`
  )
}

function stacks(s: StackReport): string[] {
  const lines = [`region ${plain(s.region)}, account ${plain(s.accountMasked)}`]
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

function cost(report: RunReport, view: ReportView): string[] {
  const lines = costBreakdown(report).map(
    (l) =>
      `${l.tier.padEnd(11)} ${(l.usd === null ? 'usage-priced' : formatUsd(l.usd)).padStart(12)}  ${plain(l.item)}${l.note !== undefined ? ` (${plain(l.note)})` : ''}`
  )
  if (lines.length === 0 && view.costUsd === 0) return []
  lines.push(
    `${'total'.padEnd(11)} ${formatUsd(view.costUsd).padStart(12)}  runner minutes at ${formatUsd(report.runnerPricePerMinute)}/min, GitHub bills whole minutes`
  )
  return lines
}
