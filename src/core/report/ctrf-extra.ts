/**
 * Reads back what toCtrf stored in `results.extra.pyramid` (tiers without tests, run context, plan,
 * stacks, costs), checking every field the renderers use. Pure.
 */
import { TIER_ORDER, type Tier } from '../results/model.js'
import type { CostLine, HourlyEstimate, StackReport, StackResource } from '../results/report.js'
import type {
  CommandAttempt,
  FailureOutput,
  Phase,
  RunnerTime,
  TierNote,
  TierOutcome
} from '../results/run.js'
import type { Plan } from '../tiers/plan.js'
import type { PyramidExtra, StoredTier } from './ctrf.js'
import {
  arr,
  bool,
  CtrfFieldError,
  int,
  num,
  obj,
  oneOf,
  optional,
  optNum,
  optStr,
  str,
  strRecord
} from './ctrf-guards.js'

export function readPyramidExtra(v: unknown, path: string): PyramidExtra {
  const o = obj(v, path)
  const p = (k: string) => `${path}.${k}`
  return {
    version: int(o.version, p('version')),
    context: readContext(o.context, p('context')),
    plan: readPlan(o.plan, p('plan')),
    failOnFlaky: bool(o.failOnFlaky, p('failOnFlaky')),
    runnerPricePerMinute: num(o.runnerPricePerMinute, p('runnerPricePerMinute')),
    startedAt: str(o.startedAt, p('startedAt')),
    finishedAt: str(o.finishedAt, p('finishedAt')),
    tiers: arr(o.tiers, p('tiers')).map((t, i) => readTier(t, `${p('tiers')}[${i}]`)),
    costLines: arr(o.costLines, p('costLines')).map((c, i) => readCostLine(c, `${p('costLines')}[${i}]`)),
    ...optional('stacks', o.stacks === undefined ? undefined : readStacks(o.stacks, p('stacks'))),
    ...optional('commentNote', optStr(o.commentNote, p('commentNote'))),
    ...optional('origin', o.origin === undefined ? undefined : readOrigin(o.origin, p('origin')))
  }
}

function readOrigin(v: unknown, path: string): NonNullable<PyramidExtra['origin']> {
  const o = obj(v, path)
  return { instance: str(o.instance, `${path}.instance`), job: str(o.job, `${path}.job`) }
}

function tier(v: unknown, path: string): Tier {
  return oneOf(v, TIER_ORDER, path)
}

function readContext(v: unknown, path: string): PyramidExtra['context'] {
  const o = obj(v, path)
  const s = (k: string) => str(o[k], `${path}.${k}`)
  return {
    repository: s('repository'),
    sha: s('sha'),
    ref: s('ref'),
    eventName: s('eventName'),
    runId: s('runId'),
    runAttempt: int(o.runAttempt, `${path}.runAttempt`),
    serverUrl: s('serverUrl'),
    job: s('job')
  }
}

/** The plan is carried for consumers of the merged report; its tier list is checked, the rest kept. */
function readPlan(v: unknown, path: string): Plan {
  const o = obj(v, path)
  str(o.event, `${path}.event`)
  bool(o.isDefaultBranch, `${path}.isDefaultBranch`)
  bool(o.isFork, `${path}.isFork`)
  oneOf(o.selection, ['auto', 'explicit'] as const, `${path}.selection`)
  arr(o.tiers, `${path}.tiers`).forEach((t, i) => {
    const tp = obj(t, `${path}.tiers[${i}]`)
    tier(tp.tier, `${path}.tiers[${i}].tier`)
    bool(tp.run, `${path}.tiers[${i}].run`)
    str(tp.reason, `${path}.tiers[${i}].reason`)
    str(tp.command, `${path}.tiers[${i}].command`)
  })
  return o as unknown as Plan
}

function readTier(v: unknown, path: string): StoredTier {
  const o = obj(v, path)
  const p = (k: string) => `${path}.${k}`
  return {
    tier: tier(o.tier, p('tier')),
    outcome: readOutcome(o.outcome, p('outcome')),
    ...optional('teardownFailure', optStr(o.teardownFailure, p('teardownFailure'))),
    ...optional(
      'failureOutput',
      o.failureOutput === undefined ? undefined : readFailureOutput(o.failureOutput, p('failureOutput'))
    ),
    phases: arr(o.phases, p('phases')).map((a, i) => readPhase(a, `${p('phases')}[${i}]`)),
    notes: arr(o.notes, p('notes')).map((a, i) => readNote(a, `${p('notes')}[${i}]`)),
    runnerTime: arr(o.runnerTime, p('runnerTime')).map((a, i) =>
      readRunnerTime(a, `${p('runnerTime')}[${i}]`)
    ),
    facts: strRecord(o.facts, p('facts'))
  }
}

function readOutcome(v: unknown, path: string): TierOutcome {
  const o = obj(v, path)
  const kind = oneOf(o.kind, ['skipped', 'setup-failed', 'cancelled', 'ran'] as const, `${path}.kind`)
  if (kind === 'skipped' || kind === 'setup-failed') return { kind, reason: str(o.reason, `${path}.reason`) }
  const attempts = arr(o.attempts, `${path}.attempts`).map((a, i) =>
    readCommandAttempt(a, `${path}.attempts[${i}]`)
  )
  if (kind === 'cancelled') return { kind, attempts }
  const [first, ...rest] = attempts
  if (!first) throw new CtrfFieldError(`${path}.attempts`, 'must not be empty for a tier that ran')
  return { kind, attempts: [first, ...rest] }
}

function readFailureOutput(v: unknown, path: string): FailureOutput {
  const o = obj(v, path)
  return {
    attempt: int(o.attempt, `${path}.attempt`),
    exitCode: o.exitCode === null ? null : int(o.exitCode, `${path}.exitCode`),
    lines: arr(o.lines, `${path}.lines`).map((l, i) => str(l, `${path}.lines[${i}]`))
  }
}

function readRunnerTime(v: unknown, path: string): RunnerTime {
  const o = obj(v, path)
  return {
    wallMs: num(o.wallMs, `${path}.wallMs`),
    usdPerMinute: num(o.usdPerMinute, `${path}.usdPerMinute`),
    ...optional('job', optStr(o.job, `${path}.job`))
  }
}

function readCommandAttempt(v: unknown, path: string): CommandAttempt {
  const o = obj(v, path)
  return {
    attempt: int(o.attempt, `${path}.attempt`),
    command: str(o.command, `${path}.command`),
    scope: oneOf(o.scope, ['all', 'failed-only'] as const, `${path}.scope`),
    exitCode: o.exitCode === null ? null : int(o.exitCode, `${path}.exitCode`),
    ...optional('signal', optStr(o.signal, `${path}.signal`)),
    ...optional('startedAt', optNum(o.startedAt, `${path}.startedAt`)),
    durationMs: num(o.durationMs, `${path}.durationMs`),
    reportFiles: arr(o.reportFiles, `${path}.reportFiles`).map((f, i) => str(f, `${path}.reportFiles[${i}]`))
  }
}

function readPhase(v: unknown, path: string): Phase {
  const o = obj(v, path)
  return {
    name: str(o.name, `${path}.name`),
    kind: oneOf(o.kind, ['setup', 'teardown'] as const, `${path}.kind`),
    ...optional('startedAt', optNum(o.startedAt, `${path}.startedAt`)),
    durationMs: num(o.durationMs, `${path}.durationMs`),
    ok: bool(o.ok, `${path}.ok`),
    ...optional('detail', optStr(o.detail, `${path}.detail`))
  }
}

function readNote(v: unknown, path: string): TierNote {
  const o = obj(v, path)
  return {
    level: oneOf(o.level, ['info', 'warning', 'error'] as const, `${path}.level`),
    text: str(o.text, `${path}.text`)
  }
}

function readCostLine(v: unknown, path: string): CostLine {
  const o = obj(v, path)
  const head = { tier: tier(o.tier, `${path}.tier`), item: str(o.item, `${path}.item`) }
  const kind = oneOf(o.kind, ['metered', 'usage-priced', 'free', 'not-priced'] as const, `${path}.kind`)
  switch (kind) {
    case 'metered':
      return { kind, ...head, usd: num(o.usd, `${path}.usd`), basis: str(o.basis, `${path}.basis`) }
    case 'usage-priced':
      return { kind, ...head, unitPrice: str(o.unitPrice, `${path}.unitPrice`) }
    case 'free':
      return { kind, ...head }
    case 'not-priced':
      return { kind, ...head, reason: str(o.reason, `${path}.reason`) }
  }
}

function readEstimate(v: unknown, path: string): HourlyEstimate {
  const o = obj(v, path)
  return {
    region: str(o.region, `${path}.region`),
    pricesDate: str(o.pricesDate, `${path}.pricesDate`),
    lines: arr(o.lines, `${path}.lines`).map((l, i) => readCostLine(l, `${path}.lines[${i}]`)),
    usdPerHour: num(o.usdPerHour, `${path}.usdPerHour`),
    notes: arr(o.notes, `${path}.notes`).map((n, i) => str(n, `${path}.notes[${i}]`)),
    warningUsdPerHour: num(o.warningUsdPerHour, `${path}.warningUsdPerHour`),
    ...optional('limitUsdPerHour', optNum(o.limitUsdPerHour, `${path}.limitUsdPerHour`))
  }
}

function readPrices(v: unknown, path: string): NonNullable<StackReport['prices']> {
  const o = obj(v, path)
  return {
    date: str(o.date, `${path}.date`),
    origins: arr(o.origins, `${path}.origins`).map((n, i) => str(n, `${path}.origins[${i}]`))
  }
}

function readResource(v: unknown, path: string): StackResource {
  const o = obj(v, path)
  return {
    stackName: str(o.stackName, `${path}.stackName`),
    logicalId: str(o.logicalId, `${path}.logicalId`),
    type: str(o.type, `${path}.type`),
    ...optional('physicalId', optStr(o.physicalId, `${path}.physicalId`)),
    ...optional('status', optStr(o.status, `${path}.status`)),
    ...optional('reason', optStr(o.reason, `${path}.reason`))
  }
}

function readStacks(v: unknown, path: string): StackReport {
  const o = obj(v, path)
  const outputs = obj(o.outputs, `${path}.outputs`)
  const list = (k: string) => arr(o[k], `${path}.${k}`)
  return {
    region: str(o.region, `${path}.region`),
    accountMasked: str(o.accountMasked, `${path}.accountMasked`),
    stacks: list('stacks').map((s, i) => {
      const sp = `${path}.stacks[${i}]`
      const so = obj(s, sp)
      return {
        name: str(so.name, `${sp}.name`),
        ...optional('stackId', optStr(so.stackId, `${sp}.stackId`)),
        finalStatus: str(so.finalStatus, `${sp}.finalStatus`),
        ...optional('deployMs', optNum(so.deployMs, `${sp}.deployMs`)),
        ...optional('destroyMs', optNum(so.destroyMs, `${sp}.destroyMs`))
      }
    }),
    failedResources: list('failedResources').map((r, i) => readResource(r, `${path}.failedResources[${i}]`)),
    leaked: list('leaked').map((r, i) => readResource(r, `${path}.leaked[${i}]`)),
    unconfirmed: list('unconfirmed').map((n, i) => str(n, `${path}.unconfirmed[${i}]`)),
    ...optional('expiresAt', optStr(o.expiresAt, `${path}.expiresAt`)),
    ...optional(
      'estimate',
      o.estimate === undefined ? undefined : readEstimate(o.estimate, `${path}.estimate`)
    ),
    ...optional('prices', o.prices === undefined ? undefined : readPrices(o.prices, `${path}.prices`)),
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([k, r]) => [k, strRecord(r, `${path}.outputs.${k}`)])
    )
  }
}
