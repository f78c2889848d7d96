/**
 * The tier plan for people (markdown, for the job summary in mode plan) and for workflows (JSON, the
 * `plan` output). Pure and deterministic: the same plan gives the same text. Branch names, refs and
 * commands may come from untrusted payloads: they are escaped or shown as code.
 */
import { escapeTableCell } from '../report/escape.js'
import type { Plan, StackPlan, TierPlan } from './plan.js'
import { TagKey } from '../stacks/tags.js'

const TEXT_MAX = 500

/** The `plan` output: fixed key order, absent optional values as null (stack omitted when e2e does not run). */
export function planToJson(plan: Plan): string {
  return JSON.stringify({
    event: plan.event,
    ref: plan.ref ?? null,
    defaultBranch: plan.defaultBranch ?? null,
    isDefaultBranch: plan.isDefaultBranch,
    isFork: plan.isFork,
    selection: plan.selection,
    tiers: plan.tiers.map(tierJson),
    ...(plan.stack ? { stack: stackJson(plan.stack) } : {})
  })
}

function tierJson(t: TierPlan): Record<string, unknown> {
  return {
    tier: t.tier,
    run: t.run,
    reason: t.reason,
    command: t.command,
    setupCommand: t.setupCommand ?? null,
    resultsGlob: t.resultsGlob ?? null
  }
}

function stackJson(s: StackPlan): Record<string, unknown> {
  return {
    prefix: s.prefix,
    names: s.names,
    region: s.region ?? null,
    allowedAccountIds: s.allowedAccountIds,
    forbiddenAccountIds: s.forbiddenAccountIds,
    tags: Object.fromEntries(Object.entries(s.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }
}

export function renderPlanMarkdown(plan: Plan): string {
  const facts = [
    `**Event:** ${code(plan.event)}`,
    ...(plan.ref ? [`**ref:** ${code(plan.ref)}`] : []),
    `**default branch:** ${plan.defaultBranch ? code(plan.defaultBranch) : 'unknown'}`,
    ...(plan.isFork ? ['**from a fork**'] : []),
    plan.selection === 'auto' ? 'tiers chosen from the event' : 'tiers given by the `tiers` input'
  ]
  const lines = [
    '### Test pyramid plan',
    '',
    facts.join(' · '),
    '',
    '| tier | runs | why | command |',
    '| --- | --- | --- | --- |',
    ...plan.tiers.map(tierRow)
  ]
  if (plan.stack) lines.push('', ...stackLines(plan.stack))
  return `${lines.join('\n')}\n`
}

function tierRow(t: TierPlan): string {
  const cell = (text: string): string => code(text).replace(/\|/g, '\\|')
  const commands = [
    ...(t.setupCommand ? [`setup: ${cell(t.setupCommand)}`] : []),
    cell(t.command),
    ...(t.resultsGlob ? [`results: ${cell(t.resultsGlob)}`] : [])
  ]
  return `| ${t.tier} | ${t.run ? '✅ yes' : '⏭️ no'} | ${escapeTableCell(t.reason, TEXT_MAX)} | ${commands.join('<br>')} |`
}

function stackLines(s: StackPlan): string[] {
  const names = s.names.length > 0 ? s.names.map(code).join(', ') : 'read from the CDK app after synth'
  const accounts = [
    ...(s.allowedAccountIds.length > 0 ? [`only ${s.allowedAccountIds.map(code).join(', ')}`] : []),
    ...(s.forbiddenAccountIds.length > 0 ? [`never ${s.forbiddenAccountIds.map(code).join(', ')}`] : [])
  ]
  return [
    `**E2E stacks:** prefix ${code(s.prefix)}; stacks: ${names}`,
    '',
    `**Region:** ${s.region ? code(s.region) : 'from the AWS environment'} · **accounts:** ${accounts.length > 0 ? accounts.join('; ') : 'any'}`,
    '',
    `**Tags:** ${Object.entries(s.tags)
      .map(([k, v]) => code(`${k}=${v}`))
      .join(' ')}${TagKey.ExpiresAt in s.tags ? '' : ` and ${code(TagKey.ExpiresAt)} (set at deploy)`}`
  ]
}

/**
 * An inline code span that survives any content: flattened to one line, the fence longer than any
 * backtick run inside; in a table cell `|` is escaped (GFM reads `\|` there as a literal pipe).
 */
function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ↵ ')
  const cut = flat.length > TEXT_MAX ? `${flat.slice(0, TEXT_MAX - 1)}…` : flat
  const longest = Math.max(0, ...(cut.match(/`+/g) ?? []).map((r) => r.length))
  const fence = '`'.repeat(longest + 1)
  const pad = cut.startsWith('`') || cut.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${cut}${pad}${fence}`
}
