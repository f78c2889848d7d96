/** The action's outputs (their names are in action.yml), from the run's totals: the summary's figures. */
import { flakyRate } from '../../core/results/model.js'
import type { RunReport } from '../../core/results/report.js'
import type { RunTotals } from '../../core/results/run-totals.js'
import type { RunOutputName } from '../../inputs/output-names.js'

export function runOutputs(
  report: Pick<RunReport, 'stacks'>,
  totals: RunTotals,
  reportPath: string,
  commentUrl: string | undefined
): Record<RunOutputName, string> {
  const { counts } = totals
  const stackNames = report.stacks?.stacks.map((s) => s.name) ?? []
  return {
    tiers: totals.ran.join(','),
    result: totals.result,
    tests: String(counts.tests),
    passed: String(counts.passed),
    failed: String(counts.failed),
    skipped: String(counts.skipped),
    flaky: String(counts.flaky),
    'flaky-rate': flakyRate(counts).toFixed(4),
    'duration-seconds': (totals.durationMs / 1000).toFixed(1),
    'cost-usd': totals.costUsd.toFixed(4),
    report: reportPath,
    'stack-names': stackNames.join(','),
    'stack-outputs': JSON.stringify(report.stacks?.outputs ?? {}),
    'comment-url': commentUrl ?? ''
  }
}
