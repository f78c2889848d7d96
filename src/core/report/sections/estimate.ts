/**
 * The hourly estimate made before the deploy, as markdown: the total per hour with what it means
 * (below the warning, above it, or refused), then one item per resource type with its kind. Shown in
 * mode plan and at the top of the e2e stack section. Pure.
 */
import { formatUsd } from '../../cost/runner-cost.js'
import type { HourlyEstimate } from '../../results/report.js'
import { costRows } from '../cost-rows.js'
import { codeSpan, escapeInline } from '../escape.js'
import { bullets } from './md.js'

const TEXT_CHARS = 300

/** "above cost-warning-usd-per-hour (0.1)" and the like: what the estimate triggers. */
export function estimateVerdict(e: HourlyEstimate): string {
  if (e.limitUsdPerHour !== undefined && e.usdPerHour > e.limitUsdPerHour)
    return `🛑 above \`cost-limit-usd-per-hour\` (${e.limitUsdPerHour}): the deploy is refused`
  if (e.usdPerHour > e.warningUsdPerHour)
    return `⚠️ above \`cost-warning-usd-per-hour\` (${e.warningUsdPerHour})`
  return `within \`cost-warning-usd-per-hour\` (${e.warningUsdPerHour})`
}

export function estimateMarkdown(e: HourlyEstimate): string {
  const head =
    `**Before the deploy:** estimated **${formatUsd(e.usdPerHour)}/hour** in ${codeSpan(e.region)} ` +
    `(price table of ${escapeInline(e.pricesDate)}; each started hour is billed) · ${estimateVerdict(e)}`
  const items = costRows(e.lines).map((r) => {
    const amount = r.kind === 'metered' ? `${r.amount}/hour` : `*${r.amount}*`
    const detail = r.detail !== undefined ? ` <sub>${escapeInline(r.detail, TEXT_CHARS)}</sub>` : ''
    return `${amount}: ${escapeInline(r.item, TEXT_CHARS)}${detail}`
  })
  const notes = e.notes.map((n) => `ℹ️ ${escapeInline(n, TEXT_CHARS)}`)
  return [head, ...(items.length > 0 ? [bullets([...items, ...notes])] : [])].join('\n\n')
}
