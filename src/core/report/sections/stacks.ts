/**
 * The e2e stack: names, region, masked account, deploy/destroy time, final status, failed resources with
 * their reasons, leaked resources and stacks whose deletion was not confirmed. The compact form keeps
 * what needs action (leaks, unconfirmed stacks).
 */
import { formatDuration } from '../../cost/runner-cost.js'
import type { StackReport, StackResource } from '../../results/report.js'
import { codeSpan, escapeInline, escapeTableCell } from '../escape.js'
import type { Section } from '../section.js'
import { count, DASH, nbsp, table } from './md.js'

const REASON_CHARS = 400
const ROWS = 100

export function stacksSection(stacks: StackReport | undefined): Section | undefined {
  if (stacks === undefined) return undefined
  const heading = `### ☁️ E2E stack\n\nRegion ${codeSpan(stacks.region)} · account ${codeSpan(stacks.accountMasked)}`
  const stackRows = stacks.stacks.map((s) => [
    codeSpan(s.name, { inTable: true }),
    codeSpan(s.finalStatus, { inTable: true }),
    s.deployMs !== undefined ? nbsp(formatDuration(s.deployMs)) : DASH,
    s.destroyMs !== undefined ? nbsp(formatDuration(s.destroyMs)) : DASH
  ])
  const parts = [heading]
  if (stackRows.length > 0)
    parts.push(
      table(['Stack', 'Final status', 'Deploy', 'Destroy'], stackRows, ['left', 'left', 'right', 'right'])
    )
  if (stacks.failedResources.length > 0) {
    const rows = stacks.failedResources
      .slice(0, ROWS)
      .map((r) => [
        codeSpan(r.stackName, { inTable: true }),
        codeSpan(r.logicalId, { inTable: true }),
        escapeTableCell(r.type),
        r.status !== undefined ? codeSpan(r.status, { inTable: true }) : DASH,
        escapeTableCell(r.reason ?? '', REASON_CHARS)
      ])
    parts.push(
      `**Failed resources**\n\n${table(['Stack', 'Resource', 'Type', 'Status', 'Reason'], rows)}${more(stacks.failedResources.length)}`
    )
  }
  const action = [...leaked(stacks.leaked), ...unconfirmed(stacks)]
  parts.push(...action)
  const compact = [heading, ...action]
  if (stacks.failedResources.length > 0)
    compact.push(`${count(stacks.failedResources.length)} failed resources (details dropped for size).`)
  return {
    id: 'stacks',
    title: 'e2e stack details',
    dropOrder: 1,
    markdown: parts.join('\n\n'),
    compact: compact.join('\n\n')
  }
}

function more(total: number): string {
  return total > ROWS ? `\n\n… and ${count(total - ROWS)} more.` : ''
}

function leaked(resources: readonly StackResource[]): string[] {
  if (resources.length === 0) return []
  const rows = resources
    .slice(0, ROWS)
    .map((r) => [
      codeSpan(r.stackName, { inTable: true }),
      codeSpan(r.logicalId, { inTable: true }),
      escapeTableCell(r.type),
      r.physicalId !== undefined ? codeSpan(r.physicalId, { inTable: true }) : DASH
    ])
  return [
    `**🚨 Leaked resources: ${count(resources.length)}** (left behind by a forced delete, still billing; delete them by hand)\n\n${table(['Stack', 'Resource', 'Type', 'Physical id'], rows)}${more(resources.length)}`
  ]
}

function unconfirmed(stacks: StackReport): string[] {
  if (stacks.unconfirmed.length === 0) return []
  const names = stacks.unconfirmed.map((n) => codeSpan(n)).join(', ')
  const when =
    stacks.expiresAt !== undefined
      ? `the janitor workflow deletes them once they expire (${escapeInline(stacks.expiresAt)})`
      : 'the janitor workflow deletes them on its next sweep'
  return [`**⚠️ Deletion not confirmed**: ${names}. They may still exist: ${when}.`]
}
