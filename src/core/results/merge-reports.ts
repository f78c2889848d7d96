/**
 * Merges the reports of parallel jobs (the reusable workflow's unit shards, integration and e2e jobs)
 * into one report: a tier that ran in several jobs becomes one tier with all their tests, attempts,
 * phases and cost; a tier that ran nowhere keeps the reason it was skipped. Pure; inputs untouched.
 */
import { mergeTests, TIER_ORDER } from './model.js'
import type { RunReport } from './report.js'
import { emptyTierRun, type CommandAttempt, type TierRun } from './run.js'

function ran(t: TierRun): boolean {
  return t.skippedReason === undefined
}

function mergeTier(runs: readonly TierRun[]): TierRun {
  const active = runs.filter(ran)
  if (active.length === 0) return runs[0]!
  const merged = emptyTierRun(active[0]!.tier)
  merged.tests = mergeTests(active.map((t) => t.tests))
  merged.attempts = mergeAttempts(active)
  for (const t of active) {
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

/**
 * Shards run side by side: attempt N of the tier is every shard's attempt N, which failed if any shard's
 * did, and took as long as the slowest shard.
 */
function mergeAttempts(runs: readonly TierRun[]): CommandAttempt[] {
  const byNumber = new Map<number, CommandAttempt>()
  for (const a of runs.flatMap((t) => t.attempts)) {
    const seen = byNumber.get(a.attempt)
    if (!seen) {
      byNumber.set(a.attempt, { ...a, reportFiles: [...a.reportFiles] })
      continue
    }
    const failed = seen.exitCode !== 0 ? seen : a
    byNumber.set(a.attempt, {
      ...failed,
      durationMs: Math.max(seen.durationMs, a.durationMs),
      scope: seen.scope === 'all' || a.scope === 'all' ? 'all' : 'failed-only',
      reportFiles: [...seen.reportFiles, ...a.reportFiles]
    })
  }
  return [...byNumber.values()].sort((x, y) => x.attempt - y.attempt)
}

export function mergeReports(reports: readonly RunReport[]): RunReport {
  const first = reports[0]
  if (!first) throw new Error('no reports to merge')
  const tiers: TierRun[] = []
  for (const tier of TIER_ORDER) {
    const runs = reports.flatMap((r) => r.tiers.filter((t) => t.tier === tier))
    if (runs.length > 0) tiers.push(mergeTier(runs))
  }
  const planned = reports.flatMap((r) => r.plan.tiers)
  const stackPlan = reports.find((r) => r.plan.stack)?.plan.stack
  const plan = {
    ...first.plan,
    tiers: first.plan.tiers.map((p) => planned.find((q) => q.tier === p.tier && q.run) ?? p),
    ...(stackPlan ? { stack: stackPlan } : {})
  }
  const stacks = reports.find((r) => r.stacks)?.stacks
  return {
    context: first.context,
    plan,
    tiers,
    failOnFlaky: reports.some((r) => r.failOnFlaky),
    runnerPricePerMinute: first.runnerPricePerMinute,
    startedAt: reports.map((r) => r.startedAt).sort()[0]!,
    finishedAt: reports
      .map((r) => r.finishedAt)
      .sort()
      .reverse()[0]!,
    ...(stacks ? { stacks } : {}),
    costLines: reports.flatMap((r) => r.costLines)
  }
}
