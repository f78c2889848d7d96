/**
 * `mode: janitor`: this repository's ephemeral stacks (pyramid:ephemeral=true + pyramid:repository, named
 * `<stack-prefix>-…`) whose pyramid:expires-at has passed are deleted; termination-protected and
 * in-progress ones are skipped; dry-run only lists. Nothing is listed or deleted in an account the guard
 * refuses. Returns a markdown table of what was removed or left, and why.
 */
import { classifyStatus } from '../../core/stacks/states.js'
import { expiresAt, isEphemeralOf, TagKey } from '../../core/stacks/tags.js'
import type { AwsClientsFactory, Clock, Log, StackDescription } from '../ports.js'
import { destroyStacks } from './destroy.js'
import { guardedClients } from './guarded-clients.js'

export interface JanitorOptions {
  repository: string
  stackPrefix: string
  allowedAccountIds: readonly string[]
  forbiddenAccountIds: readonly string[]
  now: number
  dryRun: boolean
  region: string
  endpointUrl?: string
  forceDelete: boolean
  timeoutMs: number
  signal?: AbortSignal
}

export interface JanitorResult {
  markdown: string
  removed: string[]
  /** The expired stacks a dry run would delete. */
  wouldRemove: string[]
  /** Why the sweep did nothing at all (the account guard refused the account). */
  refused?: string
  /** Stacks not deleted, and why (not expired, protected, in progress, dry run, or a failed delete). */
  left: { name: string; reason: string }[]
  /** The subset of `left` whose delete was attempted and failed or was not confirmed. */
  failed: { name: string; reason: string }[]
}

export async function runJanitor(
  deps: { clock: Clock; log: Log; aws: AwsClientsFactory },
  opts: JanitorOptions
): Promise<JanitorResult> {
  const guarded = await guardedClients(deps.aws, opts, 'the janitor deletes nothing there')
  if ('refused' in guarded) {
    const { refused } = guarded
    const markdown = `### Stack janitor${opts.dryRun ? ' (dry run)' : ''}\n\nRefused: ${cell(refused)}\n`
    return { markdown, removed: [], wouldRemove: [], left: [], failed: [], refused }
  }
  const { clients } = guarded
  const ours = (await clients.cloudFormation.listStacks(opts.signal)).filter(
    (s) => s.name.startsWith(`${opts.stackPrefix}-`) && isEphemeralOf(s.tags, opts.repository)
  )
  const left: JanitorResult['left'] = []
  const toDelete: StackDescription[] = []
  const wouldRemove: string[] = []
  for (const s of ours) {
    const expiry = expiresAt(s.tags)
    if (expiry === undefined) left.push({ name: s.name, reason: `no valid ${TagKey.ExpiresAt} tag` })
    else if (expiry > opts.now)
      left.push({ name: s.name, reason: `not expired (expires ${s.tags[TagKey.ExpiresAt]})` })
    else if (s.terminationProtection) left.push({ name: s.name, reason: 'termination protection is enabled' })
    else if (classifyStatus(s.status) === 'in-progress')
      left.push({ name: s.name, reason: `in progress (${s.status})` })
    else if (opts.dryRun) {
      wouldRemove.push(s.name)
      left.push({ name: s.name, reason: `dry run: would delete (expired ${s.tags[TagKey.ExpiresAt]})` })
    } else toDelete.push(s)
  }
  const removed: string[] = []
  const failed: JanitorResult['failed'] = []
  if (toDelete.length > 0) {
    const results = await Promise.all(
      toDelete.map((s) =>
        destroyStacks(
          { cfn: clients.cloudFormation, clock: deps.clock, log: deps.log },
          [{ name: s.name, stackId: s.id }],
          {
            forceDelete: opts.forceDelete,
            timeoutMs: opts.timeoutMs,
            owner: { repository: opts.repository, runId: s.tags[TagKey.RunId] ?? '' },
            ...(opts.signal ? { signal: opts.signal } : {})
          }
        )
      )
    )
    for (const r of results.flat()) {
      if (r.confirmed) removed.push(r.name)
      else failed.push({ name: r.name, reason: r.failure ?? `not confirmed (${r.finalStatus})` })
    }
  }
  left.push(...failed)
  return { markdown: janitorMarkdown(removed, left, opts.dryRun), removed, wouldRemove, left, failed }
}

export function janitorMarkdown(
  removed: readonly string[],
  left: readonly JanitorResult['left'][number][],
  dryRun: boolean
): string {
  const lines = [`### Stack janitor${dryRun ? ' (dry run)' : ''}`, '']
  if (removed.length === 0 && left.length === 0)
    return [...lines, 'No ephemeral stacks of this repository found.', ''].join('\n')
  lines.push('| Stack | Action |', '| --- | --- |')
  for (const name of removed) lines.push(`| \`${name}\` | deleted |`)
  for (const l of left) lines.push(`| \`${l.name}\` | left: ${cell(l.reason)} |`)
  lines.push('', `${removed.length} deleted, ${left.length} left.`, '')
  return lines.join('\n')
}

function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
}
