/**
 * Merges the reports of parallel jobs (the reusable workflow's unit shards, integration and e2e jobs)
 * into one report: a tier that ran in several jobs becomes one tier with all their tests, attempts,
 * phases and cost; a tier that ran nowhere keeps the reason it was skipped. Pure; inputs untouched.
 */
import { mergeTests, TIER_ORDER } from './model.js'
import type { RunReport } from './report.js'
import { emptyTierRun, type TierRun } from './run.js'

function ran(t: TierRun): boolean {
  return t.skippedReason === undefined
}

function mergeTier(runs: readonly TierRun[]): TierRun {
  const active = runs.filter(ran)
  if (active.length === 0) return runs[0]!
  const merged = emptyTierRun(active[0]!.tier)
  merged.tests = mergeTests(active.map((t) => t.tests))
  for (const t of active) {
    merged.attempts.push(...t.attempts)
    merged.phases.push(...t.phases)
    merged.notes.push(...t.notes)
    Object.assign(merged.facts, t.facts)
    merged.costUsd += t.costUsd
    if (t.cancelled) merged.cancelled = true
    if (t.setupFailure !== undefined) merged.setupFailure = t.setupFailure
    if (t.teardownFailure !== undefined) merged.teardownFailure = t.teardownFailure
  }
  merged.exitCodeOnly = active.every((t) => t.exitCodeOnly)
  return merged
}

export function mergeReports(reports: readonly RunReport[]): RunReport {
  const first = reports[0]
  if (!first) throw new Error('no reports to merge')
  const tiers: TierRun[] = []
  for (const tier of TIER_ORDER) {
    const runs = reports.flatMap((r) => r.tiers.filter((t) => t.tier === tier))
    if (runs.length > 0) tiers.push(mergeTier(runs))
  }
  const plan = {
    ...first.plan,
    tiers: first.plan.tiers.map((p) => {
      const runningIn = reports.flatMap((r) => r.plan.tiers).find((q) => q.tier === p.tier && q.run)
      return runningIn ?? p
    }),
    ...(reports.find((r) => r.plan.stack)?.plan.stack ? { stack: reports.find((r) => r.plan.stack)!.plan.stack } : {})
  }
  const stacks = reports.find((r) => r.stacks)?.stacks
  return {
    context: first.context,
    plan,
    tiers,
    failOnFlaky: reports.some((r) => r.failOnFlaky),
    runnerPricePerMinute: first.runnerPricePerMinute,
    startedAt: reports.map((r) => r.startedAt).sort()[0]!,
    finishedAt: reports.map((r) => r.finishedAt).sort().reverse()[0]!,
    ...(stacks ? { stacks } : {}),
    costLines: reports.flatMap((r) => r.costLines)
  }
}
