/** The action's outputs (SPEC §5), derived from the run's report. */
import { flakyRate, TIER_ORDER } from '../../core/results/model.js'
import type { RunReport } from '../../core/results/report.js'
import { runCounts, runResult } from '../../core/results/run.js'

export function runOutputs(
  report: RunReport,
  reportPath: string,
  commentUrl: string | undefined
): Record<string, string> {
  const counts = runCounts(report.tiers)
  const ran = report.tiers
    .filter((t) => t.attempts.length > 0 || t.setupFailure !== undefined)
    .map((t) => t.tier)
  const durationMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt)
  // The e2e tier's costUsd already includes its stack estimate (the cost lines are its breakdown).
  const cost = report.tiers.reduce((s, t) => s + t.costUsd, 0)
  const stackNames = report.stacks?.stacks.map((s) => s.name) ?? []
  return {
    tiers: TIER_ORDER.filter((t) => ran.includes(t)).join(','),
    result: runResult(report.tiers, { failOnFlaky: report.failOnFlaky }),
    tests: String(counts.tests),
    passed: String(counts.passed),
    failed: String(counts.failed),
    skipped: String(counts.skipped),
    flaky: String(counts.flaky),
    'flaky-rate': flakyRate(counts).toFixed(4),
    'duration-seconds': (Math.max(0, durationMs) / 1000).toFixed(1),
    'cost-usd': cost.toFixed(4),
    report: reportPath,
    'stack-names': stackNames.join(','),
    'stack-outputs': JSON.stringify(report.stacks?.outputs ?? {}),
    'comment-url': commentUrl ?? ''
  }
}
