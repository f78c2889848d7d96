/**
 * Which jobs of pyramid.yml run, and what the report job downloads and outputs, in every combination of
 * plan and job results — computed by job-graph.ts with GitHub's expression evaluator and its documented
 * needs/if rules (a job after a failed or skipped one is skipped unless its `if:` has a status function).
 * The same walk finds, in any workflow, a job whose `if:` looks at a need's result but can never run
 * unless that need succeeded (the always() that was forgotten).
 */
import { describe, expect, it } from '@jest/globals'
import { render } from './expressions.js'
import { callInputs, simulate, type JobRun, type RunResult, type Scenario } from './job-graph.js'
import { loadWorkflows, needsOf, type Step, type Workflow, type WorkflowFile } from './workflow-files.js'

const internal = loadWorkflows('.github/workflows')
const pyramid = internal.find((f) => f.path === '.github/workflows/pyramid.yml')!.doc
const TIER_JOBS = ['unit', 'integration', 'e2e'] as const

interface Case {
  tiers: Record<(typeof TIER_JOBS)[number], boolean>
  failFast: boolean
  results: Record<string, RunResult>
}

/** Every plan (which tiers) × fail-fast × the result of each job that runs. */
function cases(): Case[] {
  const out: Case[] = []
  const bools = [true, false]
  const ends: RunResult[] = ['success', 'failure', 'cancelled']
  for (const unit of bools)
    for (const integration of bools)
      for (const e2e of bools)
        for (const failFast of bools)
          for (const u of ends)
            for (const i of ends)
              for (const e of ends)
                out.push({
                  tiers: { unit, integration, e2e },
                  failFast,
                  results: {
                    plan: 'success',
                    unit: u,
                    integration: i,
                    e2e: e,
                    cleanup: 'success',
                    report: 'success'
                  }
                })
  return out
}

function planOutputs(c: Case): Record<string, string> {
  return {
    tiers: TIER_JOBS.filter((t) => c.tiers[t]).join(','),
    instance: 'root',
    unit: String(c.tiers.unit),
    integration: String(c.tiers.integration),
    e2e: String(c.tiers.e2e),
    shards: '[1,2]'
  }
}

function scenarioOf(c: Case, extra: Partial<Scenario> = {}): Scenario {
  return {
    inputs: callInputs(pyramid, { 'fail-fast': c.failFast, 'aws-role-to-assume': 'arn:aws:iam::1:role/r' }),
    github: { run_attempt: '2', repository: 'o/r', ref: 'refs/heads/main' },
    result: (id) => c.results[id] ?? 'success',
    stepOutputs: (jobId, step: Step) =>
      jobId === 'plan' && step.id === 'plan'
        ? planOutputs(c)
        : jobId === 'plan' && step.id === 'jobs'
          ? planOutputs(c)
          : {},
    ...extra
  }
}

const ran = (r: JobRun) => r.result !== 'skipped'

describe('pyramid.yml: which jobs run', () => {
  const all = cases()

  it('runs a tier job only when the plan has that tier', () => {
    for (const c of all) {
      const runs = simulate(pyramid, scenarioOf(c))
      for (const t of TIER_JOBS) if (!c.tiers[t]) expect([t, runs[t]!.result]).toEqual([t, 'skipped'])
    }
  })

  it('runs cleanup whenever e2e ran, however it ended', () => {
    for (const c of all) {
      const runs = simulate(pyramid, scenarioOf(c))
      if (ran(runs.e2e!)) expect([JSON.stringify(c), ran(runs.cleanup!)]).toEqual([JSON.stringify(c), true])
      else expect(runs.cleanup!.result).toBe('skipped')
    }
  })

  it('with fail-fast, a failed lower tier skips the higher ones; a skipped one does not', () => {
    for (const c of all.filter((x) => x.failFast && x.tiers.unit && x.tiers.integration)) {
      const runs = simulate(pyramid, scenarioOf(c))
      const unitFailed = c.results.unit !== 'success'
      expect(ran(runs.integration!)).toBe(!unitFailed)
    }
    const skippedUnit = all.find((x) => x.failFast && !x.tiers.unit && x.tiers.integration)!
    expect(ran(simulate(pyramid, scenarioOf(skippedUnit)).integration!)).toBe(true)
  })

  it('always runs the report job, and its report step whenever a tier job ran', () => {
    for (const c of all) {
      const runs = simulate(pyramid, scenarioOf(c))
      expect(ran(runs.report!)).toBe(true)
      const anyTier = TIER_JOBS.some((t) => ran(runs[t]!))
      expect(runs.report!.steps.includes('report')).toBe(anyTier)
    }
  })
})

describe('pyramid.yml with prepare: eager (e2e deployed beside unit and integration)', () => {
  const ends: RunResult[] = ['success', 'failure', 'cancelled']
  /** Every fail-fast × prepare × result of unit, integration, e2e-deploy and e2e, with every tier planned. */
  function eagerCases(): (Case & { prepare: string })[] {
    const out: (Case & { prepare: string })[] = []
    for (const prepare of ['auto', 'eager', 'off'])
      for (const failFast of [true, false])
        for (const u of ends)
          for (const i of ends)
            for (const d of ends)
              for (const e of ends)
                out.push({
                  prepare,
                  tiers: { unit: true, integration: true, e2e: true },
                  failFast,
                  results: { unit: u, integration: i, 'e2e-deploy': d, e2e: e }
                })
    return out
  }
  const run = (c: Case & { prepare: string }) =>
    simulate(
      pyramid,
      scenarioOf(c, {
        inputs: callInputs(pyramid, {
          'fail-fast': c.failFast,
          prepare: c.prepare,
          'aws-role-to-assume': 'arn:aws:iam::1:role/r'
        })
      })
    )
  const lowerPassed = (c: Case) =>
    !c.failFast || (c.results.unit === 'success' && c.results.integration === 'success')

  it('runs e2e-deploy beside the lower tiers (whatever they end with) only with prepare: eager', () => {
    for (const c of eagerCases()) {
      const runs = run(c)
      expect([c.prepare, ran(runs['e2e-deploy']!)]).toEqual([c.prepare, c.prepare === 'eager'])
    }
    const none = { tiers: { unit: true, integration: true, e2e: false }, failFast: true, results: {} }
    expect(run({ ...none, prepare: 'eager' })['e2e-deploy']!.result).toBe('skipped')
  })

  it('runs the e2e tests only after the lower tiers passed (fail-fast), and after e2e-deploy ended', () => {
    for (const c of eagerCases()) {
      const runs = run(c)
      const deployEnded = c.prepare !== 'eager' || c.results['e2e-deploy'] !== 'cancelled'
      const what = JSON.stringify(c)
      expect([what, ran(runs.e2e!)]).toEqual([what, lowerPassed(c) && deployEnded])
    }
  })

  it('tests the handed-over stacks with prepare: eager, deploys in the e2e job otherwise', () => {
    const step = (pyramid.jobs.e2e!.steps ?? []).find((s) => s.id === 'pyramid')!
    for (const prepare of ['auto', 'eager', 'off']) {
      const stacks = render(
        String(step.with?.['e2e-stacks']),
        { inputs: callInputs(pyramid, { prepare }) },
        { success: true, failure: false, cancelled: false }
      )
      expect([prepare, stacks]).toEqual([prepare, prepare === 'eager' ? 'handed-over' : 'deploy'])
    }
  })

  it('runs cleanup whenever e2e-deploy or e2e ran: at once when a lower tier failed and e2e was skipped', () => {
    for (const c of eagerCases()) {
      const runs = run(c)
      const what = JSON.stringify(c)
      const anyE2e = ran(runs['e2e-deploy']!) || ran(runs.e2e!)
      expect([what, ran(runs.cleanup!)]).toEqual([what, anyE2e])
      if (c.prepare === 'eager' && !lowerPassed(c)) expect(runs.e2e!.result).toBe('skipped')
    }
  })

  it('never makes the report wait for cleanup, the job that destroys handed-over stacks', () => {
    const destroyers = Object.entries(pyramid.jobs)
      .filter(([, j]) => (j.steps ?? []).some((s) => s.with?.mode === 'cleanup'))
      .map(([id]) => id)
    expect(destroyers).toEqual(['cleanup'])
    const waitsFor = new Set<string>()
    const walk = (id: string) =>
      needsOf(pyramid.jobs[id]!).forEach((n) => {
        waitsFor.add(n)
        walk(n)
      })
    walk('report')
    expect([...waitsFor].filter((id) => destroyers.includes(id))).toEqual([])
    for (const c of eagerCases().filter((x) => x.prepare === 'eager')) expect(ran(run(c).report!)).toBe(true)
  })
})

describe('pyramid.yml after "Re-run all jobs" (attempt 2)', () => {
  /** The artifact names each tier job of attempt `attempt` uploaded, for one instance. */
  function uploads(doc: Workflow, runs: Record<string, JobRun>, attempt: string): string[] {
    return TIER_JOBS.filter((t) => ran(runs[t]!)).flatMap((t) =>
      (doc.jobs[t]?.steps ?? [])
        .filter((s) => s.uses?.startsWith('actions/upload-artifact@'))
        .flatMap((s) =>
          [1, 2].map((shard) =>
            render(
              String(s.with?.name),
              {
                needs: { plan: { outputs: { instance: 'root' } } },
                matrix: { shard },
                github: { run_attempt: attempt }
              },
              { success: true, failure: false, cancelled: false }
            )
          )
        )
    )
  }

  it("downloads none of attempt 1's reports of the jobs skipped in attempt 2", () => {
    // attempt 1: every tier ran; attempt 2: unit failed, so integration and e2e were skipped
    const all = { unit: true, integration: true, e2e: true }
    const first = simulate(pyramid, scenarioOf({ tiers: all, failFast: true, results: { unit: 'success' } }))
    const second: Case = { tiers: all, failFast: true, results: { unit: 'failure' } }
    const runs = simulate(pyramid, scenarioOf(second))
    expect([runs.integration!.result, runs.e2e!.result]).toEqual(['skipped', 'skipped'])
    const stored = [...uploads(pyramid, first, '1'), ...uploads(pyramid, runs, '2')]
    const report = pyramid.jobs.report!
    const downloaded = (report.steps ?? [])
      .filter(
        (s, i) => s.uses?.startsWith('actions/download-artifact@') && runs.report!.stepIndexes.includes(i)
      )
      .map((s) =>
        render(
          String(s.with?.pattern ?? s.with?.name ?? '*'),
          { needs: { plan: { outputs: { instance: 'root' } } } },
          { success: true, failure: false, cancelled: false }
        )
      )
    const fetched = stored.filter((name) => downloaded.some((p) => glob(p).test(name)))
    expect(fetched.some((n) => /integration|e2e/.test(n))).toBe(false)
    expect(fetched.filter((n) => n.includes('unit'))).toHaveLength(4) // both attempts: mode report keeps the newest
  })
})

describe("pyramid.yml's result output", () => {
  const base: Case = { tiers: { unit: true, integration: false, e2e: false }, failFast: true, results: {} }

  it.each([
    ['the plan failed', { plan: 'failure' }, 'failure'],
    ['the plan was cancelled', { plan: 'cancelled' }, 'cancelled']
  ] as const)('says %s', (_what, results, expected) => {
    const runs = simulate(pyramid, scenarioOf({ ...base, results }))
    expect(runs.unit!.result).toBe('skipped')
    expect(runs.report!.outputs.result).toBe(expected)
  })

  it("is 'skipped' when the plan ran no tier, and the report step's result otherwise", () => {
    const none = simulate(
      pyramid,
      scenarioOf({ ...base, tiers: { unit: false, integration: false, e2e: false } })
    )
    expect(none.report!.outputs.result).toBe('skipped')
    const some = simulate(
      pyramid,
      scenarioOf(base, {
        stepOutputs: (job, step) =>
          job === 'report' && step.id === 'report'
            ? { result: 'failure' }
            : job === 'plan'
              ? planOutputs(base)
              : {}
      })
    )
    expect(some.report!.outputs.result).toBe('failure')
  })
})

describe('every workflow: a job that looks at a need’s result can run when that need did not succeed', () => {
  it.each(internal.map((f) => [f.path, f] as const))('%s', (_p, f) => {
    expect(unreachableResultChecks(f)).toEqual([])
  })

  it('catches an if: on needs.X.result without a status function (it only ever sees success)', () => {
    const broken = internal.find((f) => f.path === '.github/workflows/pyramid.yml')!
    const doc = JSON.parse(JSON.stringify(broken.doc)) as Workflow
    doc.jobs.cleanup!.if = "needs.plan.outputs.e2e == 'true' && needs.e2e.result != 'skipped'"
    expect(unreachableResultChecks({ ...broken, doc })).toEqual([
      expect.stringMatching(/jobs\.cleanup\.if tests needs\.e2e\.result but never runs unless e2e succeeded/)
    ])
    const deployCheck = JSON.parse(JSON.stringify(broken.doc)) as Workflow
    // without its status function the e2e job never sees a failed e2e-deploy (nor a skipped lower tier)
    deployCheck.jobs.e2e!.if = String(broken.doc.jobs.e2e!.if).replace('!cancelled() && ', '')
    expect(unreachableResultChecks({ ...broken, doc: deployCheck })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /jobs\.e2e\.if tests needs\.e2e-deploy\.result but never runs unless e2e-deploy/
        )
      ])
    )
  })
})

/** download-artifact's `pattern` (minimatch, no path separators in names): `*` is any run of characters. */
function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`
  )
}

/**
 * For each job whose `if:` reads `needs.X.result`, try every way X can end (the other needs succeeding):
 * when it runs only after X succeeded, the `if:` is dead code GitHub never reaches (status function missing).
 */
function unreachableResultChecks(f: WorkflowFile): string[] {
  const problems: string[] = []
  for (const [id, job] of Object.entries(f.doc.jobs ?? {})) {
    for (const need of needsOf(job)) {
      if (!new RegExp(`needs\\.${need}\\.result`).test(job.if ?? '')) continue
      const runsWhen = (['failure', 'cancelled'] as const).some((end) =>
        inputCombinations(f.doc).some((inputs) => {
          const runs = simulate(f.doc, {
            inputs,
            result: (j) => (j === need ? end : 'success'),
            stepOutputs: () => everyStepOutput(f.doc)
          })
          return runs[need]!.result === end && ran(runs[id]!)
        })
      )
      if (!runsWhen)
        problems.push(
          `${f.path} jobs.${id}.if tests needs.${need}.result but never runs unless ${need} succeeded`
        )
    }
  }
  return problems
}

/** Every `steps.<id>.outputs.<name>` the workflow reads, set to 'true' (every switch on). */
function everyStepOutput(doc: Workflow): Record<string, string> {
  const names = [...JSON.stringify(doc.jobs).matchAll(/steps\.[\w-]+\.outputs\.([\w-]+)/g)].map((m) => m[1]!)
  return Object.fromEntries(names.map((n) => [n, n === 'shards' ? '[1]' : 'true']))
}

/**
 * The call's inputs with every boolean input set both ways (fail-fast on and off, say) and every string input
 * a job's `if:` compares with a literal set to each such literal (prepare: 'eager', say) and its default.
 */
function inputCombinations(doc: Workflow): Record<string, unknown>[] {
  const call = (doc.on as Record<string, { inputs?: Record<string, { type?: string }> }> | undefined)
    ?.workflow_call
  const declared = call?.inputs ?? {}
  const choices: [string, unknown[]][] = Object.entries(declared)
    .filter(([, v]) => v.type === 'boolean')
    .map(([k]) => [k, [true, false]])
  const ifs = Object.values(doc.jobs ?? {})
    .map((j) => j.if ?? '')
    .join('\n')
  for (const [name, v] of Object.entries(declared)) {
    if (v.type === 'boolean') continue
    const escaped = name.replace(/[-]/g, '\\-')
    const literals = [...ifs.matchAll(new RegExp(`inputs\\.${escaped} [!=]= '([^']*)'`, 'g'))].map(
      (m) => m[1]!
    )
    if (literals.length > 0) choices.push([name, [...new Set([callInputs(doc)[name], ...literals])]])
  }
  let combos: Record<string, unknown>[] = [callInputs(doc)]
  for (const [name, values] of choices)
    combos = combos.flatMap((c) => values.map((value) => ({ ...c, [name]: value })))
  return combos
}
