/**
 * Why the exit code failed a tier when no failed test says so: the end of the command's output
 * (secrets already masked, see core/results/output-tail.ts), folded. Summary and comment.
 */
import { codeBlock, truncateText } from '../escape.js'
import type { Section } from '../section.js'
import type { ReportView } from '../view.js'

const OUTPUT_MAX_CHARS = 12_000

export function failureOutputSection(view: ReportView): Section | undefined {
  const blocks = view.tiers.flatMap(({ run }) => {
    const out = run.failureOutput
    if (out === undefined) return []
    const head = `**${run.tier}**: exit ${out.exitCode ?? '?'} on attempt ${out.attempt}, no failed test to explain it; the last ${out.lines.length} line(s) of its output:`
    const log = codeBlock(truncateText(out.lines.join('\n'), OUTPUT_MAX_CHARS))
    return [`${head}\n\n<details><summary>output</summary>\n\n${log}\n\n</details>`]
  })
  if (blocks.length === 0) return undefined
  return {
    id: 'failure-output',
    title: 'command output',
    dropOrder: 3,
    markdown: `### Why the command failed\n\n${blocks.join('\n\n')}`
  }
}
