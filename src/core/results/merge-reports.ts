/**
 * Merges the reports of parallel jobs (the reusable workflow's unit shards, integration and e2e jobs)
 * into one report: a tier that ran in several jobs becomes one tier with all their tests, attempts,
 * phases and cost; a tier that ran nowhere keeps the reason it was skipped. Pure; inputs untouched.
 */
import { mergeTests, TIER_ORDER } from './model.js'
import type { RunReport } from './report.js'
import { commandAttempts, tierRan, type CommandAttempt, type TierOutcome, type TierRun } from './run.js'

function mergeTier(runs: readonly TierRun[]): TierRun {
  const active = runs.filter(tierRan)
  const first = active[0]
  if (!first) return runs[0]!
  const teardownFailure = active.findLast((t) => t.teardownFailure !== undefined)?.teardownFailure
  const failureOutput = active.find((t) => t.failureOutput !== undefined)?.failureOutput
  return {
    tier: first.tier,
    outcome: mergeOutcomes(active),
    ...(teardownFailure !== undefined ? { teardownFailure } : {}),
    ...(failureOutput !== undefined ? { failureOutput } : {}),
    tests: mergeTests(active.map((t) => t.tests)),
    phases: active.flatMap((t) => t.phases),
    notes: active.flatMap((t) => t.notes),
    runnerTime: active.flatMap((t) => t.runnerTime),
    facts: Object.assign({}, ...active.map((t) => t.facts)) as Record<string, string>
  }
}

/** A cancelled job cancels the tier; else a failed setup fails it; else its jobs' commands ran. */
function mergeOutcomes(runs: readonly TierRun[]): TierOutcome {
  const attempts = mergeAttempts(runs.flatMap((t) => commandAttempts(t)))
  if (runs.some((t) => t.outcome.kind === 'cancelled')) return { kind: 'cancelled', attempts }
  const setupFailed = runs.findLast((t) => t.outcome.kind === 'setup-failed')?.outcome
  if (setupFailed) return setupFailed
  const [first, ...rest] = attempts
  return first ? { kind: 'ran', attempts: [first, ...rest] } : { kind: 'cancelled', attempts }
}

/**
 * Shards run side by side: attempt N of the tier is every shard's attempt N, which failed if any shard's
 * did, and took as long as the slowest shard.
 */
function mergeAttempts(all: readonly CommandAttempt[]): CommandAttempt[] {
  const byNumber = new Map<number, CommandAttempt>()
  for (const a of all) {
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

export interface DroppedReport {
  file: string
  reason: string
}

/**
 * The reports that describe this attempt of this run. Artifacts persist across re-run attempts, so the
 * download may hold a job's report of an earlier attempt next to its newest one: per job of a call (the
 * report's origin; a report without one stands alone) only the newest attempt up to this one is kept. A
 * report of another run, or of a later attempt, is dropped too. Each drop says why.
 */
export function reportsOfThisAttempt(
  found: readonly { file: string; report: RunReport }[],
  run: { runId: string; runAttempt: number }
): { kept: { file: string; report: RunReport }[]; dropped: DroppedReport[] } {
  const dropped: DroppedReport[] = []
  const current: { file: string; report: RunReport; key: string }[] = []
  for (const f of found) {
    const { runId, runAttempt } = f.report.context
    if (runId !== run.runId) {
      dropped.push({ file: f.file, reason: `it is from run ${runId}, not this run (${run.runId})` })
    } else if (runAttempt > run.runAttempt) {
      dropped.push({
        file: f.file,
        reason: `it is from attempt ${runAttempt}, after this one (${run.runAttempt})`
      })
    } else {
      const origin = f.report.origin
      current.push({ ...f, key: origin ? `${origin.instance}\u0000${origin.job}` : `file\u0000${f.file}` })
    }
  }
  const newest = new Map<string, number>()
  for (const c of current) newest.set(c.key, Math.max(newest.get(c.key) ?? 0, c.report.context.runAttempt))
  const kept: { file: string; report: RunReport }[] = []
  for (const c of current) {
    const latest = newest.get(c.key) ?? 0
    // reports of one job and attempt that cannot be told apart (no matrix values) are all kept
    if (c.report.context.runAttempt === latest) kept.push({ file: c.file, report: c.report })
    else
      dropped.push({
        file: c.file,
        reason: `job ${c.report.origin?.job ?? '?'} reported attempt ${c.report.context.runAttempt}, superseded by attempt ${latest}`
      })
  }
  return { kept, dropped }
}

export function mergeReports(reports: readonly RunReport[]): RunReport {
  const first = reports[0]
  if (!first) throw new Error('no reports to merge')
  // Each report is one job's: GitHub rounds each job's runner time up to whole minutes.
  const names = reports.map((r, i) => r.origin?.job ?? `report ${i + 1}`)
  const byJob = reports.map((r, i) => {
    const job =
      names.indexOf(names[i]!) === names.lastIndexOf(names[i]!) ? names[i]! : `${names[i]!} (report ${i + 1})`
    return {
      ...r,
      tiers: r.tiers.map((t) => ({ ...t, runnerTime: t.runnerTime.map((rt) => ({ ...rt, job })) }))
    }
  })
  const tiers: TierRun[] = []
  for (const tier of TIER_ORDER) {
    const runs = byJob.flatMap((r) => r.tiers.filter((t) => t.tier === tier))
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
