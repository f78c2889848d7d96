/**
 * The e2e stack: names, region, masked account, deploy/destroy time, final status, failed resources with
 * their reasons, leaked resources and stacks whose deletion was not confirmed, under the hourly estimate
 * made before the deploy. The compact form keeps the estimate and what needs action (leaks, unconfirmed
 * stacks).
 */
import { formatDuration } from '../../cost/runner-cost.js'
import type { StackReport, StackResource } from '../../results/report.js'
import { codeSpan, escapeInline } from '../escape.js'
import type { Section } from '../section.js'
import { estimateMarkdown } from './estimate.js'
import { bullets, count, nbsp } from './md.js'

const REASON_CHARS = 400
const ROWS = 100

export function stacksSection(stacks: StackReport | undefined): Section | undefined {
  if (stacks === undefined) return undefined
  const heading = `### ☁️ E2E stack\n\nRegion ${codeSpan(stacks.region)} · account ${codeSpan(stacks.accountMasked)}`
  // Lists, not tables: stack names and physical ids are long words that would widen a table past a
  // phone's width, while a list item wraps them.
  const stackItems = stacks.stacks.map((s) => {
    const times = [
      s.deployMs !== undefined ? `deploy ${nbsp(formatDuration(s.deployMs))}` : '',
      s.destroyMs !== undefined ? `destroy ${nbsp(formatDuration(s.destroyMs))}` : ''
    ].filter((t) => t !== '')
    return `${codeSpan(s.name)} ${codeSpan(s.finalStatus)}${times.length > 0 ? ` · ${times.join(' · ')}` : ''}`
  })
  const estimate = stacks.estimate !== undefined ? [estimateMarkdown(stacks.estimate)] : []
  const parts = [heading, ...estimate]
  if (stackItems.length > 0) parts.push(bullets(stackItems))
  if (stacks.failedResources.length > 0) {
    const items = stacks.failedResources
      .slice(0, ROWS)
      .map(
        (r) =>
          `${resource(r)}${r.status !== undefined ? ` ${codeSpan(r.status)}` : ''}: ${escapeInline(r.reason ?? '', REASON_CHARS)}`
      )
    parts.push(`**Failed resources**\n\n${bullets(items)}${more(stacks.failedResources.length)}`)
  }
  const action = [...leaked(stacks.leaked), ...unconfirmed(stacks)]
  parts.push(...action)
  const compact = [heading, ...estimate, ...action]
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

/** "`stack` / `LogicalId` (AWS::S3::Bucket)". */
function resource(r: StackResource): string {
  return `${codeSpan(r.stackName)} / ${codeSpan(r.logicalId)} (${escapeInline(r.type)})`
}

function leaked(resources: readonly StackResource[]): string[] {
  if (resources.length === 0) return []
  const items = resources
    .slice(0, ROWS)
    .map((r) => `${resource(r)}${r.physicalId !== undefined ? `: ${codeSpan(r.physicalId)}` : ''}`)
  return [
    `**🚨 Leaked resources: ${count(resources.length)}** (left behind by a forced delete, still billing; delete them by hand)\n\n${bullets(items)}${more(resources.length)}`
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
