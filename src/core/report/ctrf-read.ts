/**
 * Reading CTRF reports back (mode `report`: merging the reports of parallel jobs). A report written by
 * this action restores its TierRuns exactly (tests with attempts, command attempts, phases, notes, facts,
 * costs) and the run's context, so the merged report renders as the original did. A CTRF file from
 * another tool is accepted when every test has a tier (`type`, or `defaultTier`). The document is
 * untrusted: every field is checked, and the error names the field. Pure.
 */
import { testId } from '../results/identity.js'
import { TIER_ORDER, type Attempt, type AttemptOutcome, type TestCase, type Tier } from '../results/model.js'
import type { CommandAttempt, TierRun } from '../results/run.js'
import { PYRAMID_EXTRA_VERSION, type PyramidExtra } from './ctrf.js'
import { readPyramidExtra } from './ctrf-extra.js'
import { arr, CtrfFieldError, int, isObj, num, obj, optional, optStr, str } from './ctrf-guards.js'

export type CtrfRunMeta = Omit<PyramidExtra, 'version' | 'tiers'>

export type FromCtrfResult =
  | { ok: true; tiers: TierRun[]; meta?: CtrfRunMeta; tool: { name: string; version?: string } }
  | { ok: false; error: string }

export interface FromCtrfOptions {
  /** Tier for tests of a foreign report that carry no tier. Without it such a report is refused. */
  defaultTier?: Tier
}

export function fromCtrf(doc: unknown, opts: FromCtrfOptions = {}): FromCtrfResult {
  try {
    return { ok: true, ...readCtrf(doc, opts) }
  } catch (e) {
    if (e instanceof CtrfFieldError) {
      return {
        ok: false,
        error: `the CTRF report is not usable: ${e.message}. Merge only reports written by serverless-test-pyramid or another CTRF producer (with a tier per test), and re-run the job that wrote this one if it was cut short.`
      }
    }
    throw e
  }
}

function readCtrf(doc: unknown, opts: FromCtrfOptions): Omit<Extract<FromCtrfResult, { ok: true }>, 'ok'> {
  const root = obj(doc, '$')
  if (root.reportFormat !== 'CTRF') throw new CtrfFieldError('$.reportFormat', 'must be "CTRF"')
  const results = obj(root.results, '$.results')
  const toolObj = obj(results.tool, '$.results.tool')
  const tool = {
    name: str(toolObj.name, '$.results.tool.name'),
    ...optional('version', optStr(toolObj.version, '$.results.tool.version'))
  }
  const tests = arr(results.tests, '$.results.tests').map((t, i) =>
    readTest(t, `$.results.tests[${i}]`, opts)
  )
  const pyramid =
    isObj(results.extra) && results.extra.pyramid !== undefined
      ? readPyramidExtra(results.extra.pyramid, '$.results.extra.pyramid')
      : undefined
  if (pyramid !== undefined && pyramid.version !== PYRAMID_EXTRA_VERSION) {
    throw new CtrfFieldError(
      '$.results.extra.pyramid.version',
      `is ${pyramid.version}; this version reads ${PYRAMID_EXTRA_VERSION}`
    )
  }
  if (pyramid === undefined) return { tiers: foreignTiers(tests, results), tool }
  const meta = runMeta(pyramid)
  const stored = pyramid.tiers
  const tiers = stored.map((t) => ({ ...t, tests: tests.filter((x) => x.tier === t.tier) }))
  const orphan = tests.find((t) => !stored.some((s) => s.tier === t.tier))
  if (orphan)
    throw new CtrfFieldError(
      '$.results.tests',
      `test "${orphan.id}" is in tier ${orphan.tier}, which the report does not list`
    )
  return { tiers, meta, tool }
}

/** Tiers for a report without our extra: one command attempt whose exit code follows the failures. */
function foreignTiers(tests: TestCase[], results: Record<string, unknown>): TierRun[] {
  const summary = isObj(results.summary) ? results.summary : {}
  const duration = typeof summary.duration === 'number' && summary.duration >= 0 ? summary.duration : 0
  return TIER_ORDER.flatMap((tier) => {
    const mine = tests.filter((t) => t.tier === tier)
    if (mine.length === 0) return []
    const failed = mine.some(
      (t) => t.attempts.length > 0 && t.attempts[t.attempts.length - 1]!.outcome === 'failed'
    )
    const attempt: CommandAttempt = {
      attempt: 1,
      command: '(from a CTRF report)',
      scope: 'all',
      exitCode: failed ? 1 : 0,
      durationMs: duration,
      reportFiles: []
    }
    const run: TierRun = {
      tier,
      outcome: { kind: 'ran', attempts: [attempt] },
      tests: mine,
      phases: [],
      notes: [],
      runnerTime: [],
      facts: {}
    }
    return [run]
  })
}

function runMeta(p: PyramidExtra): CtrfRunMeta {
  return {
    context: p.context,
    plan: p.plan,
    failOnFlaky: p.failOnFlaky,
    runnerPricePerMinute: p.runnerPricePerMinute,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    costLines: p.costLines,
    ...optional('stacks', p.stacks),
    ...optional('commentNote', p.commentNote),
    ...optional('origin', p.origin)
  }
}

const OUTCOMES: readonly AttemptOutcome[] = ['passed', 'failed', 'skipped']

function isTier(v: unknown): v is Tier {
  return typeof v === 'string' && (TIER_ORDER as readonly string[]).includes(v)
}

function outcomeOf(status: unknown, path: string): AttemptOutcome {
  if (status === 'passed' || status === 'failed' || status === 'skipped') return status
  if (status === 'pending' || status === 'other') return 'skipped'
  throw new CtrfFieldError(path, 'must be passed, failed, skipped, pending or other')
}

/** One stored attempt; its message comes from retryAttempts (earlier ones) or the test itself (the last). */
function readAttempt(v: unknown, path: string, text: Record<string, unknown> | undefined): Attempt {
  const a = obj(v, path)
  if (!OUTCOMES.includes(a.outcome as AttemptOutcome)) {
    throw new CtrfFieldError(`${path}.outcome`, 'must be passed, failed or skipped')
  }
  return {
    outcome: a.outcome as AttemptOutcome,
    durationMs: num(a.durationMs, `${path}.durationMs`),
    runAttempt: int(a.runAttempt, `${path}.runAttempt`),
    ...optional('message', optStr(text?.message, `${path} (message)`)),
    ...optional('trace', optStr(text?.trace, `${path} (trace)`))
  }
}

/** Attempts stored by toCtrf, with their messages joined back from retryAttempts and the test itself. */
function storedAttempts(t: Record<string, unknown>, stored: unknown, path: string): Attempt[] {
  const list = arr(stored, `${path}.extra.attempts`)
  const retries = t.retryAttempts === undefined ? [] : arr(t.retryAttempts, `${path}.retryAttempts`)
  if (retries.length !== Math.max(0, list.length - 1)) {
    throw new CtrfFieldError(
      `${path}.retryAttempts`,
      `has ${retries.length} entries for ${list.length} stored attempts`
    )
  }
  return list.map((a, i) => {
    const text = i === list.length - 1 ? t : obj(retries[i], `${path}.retryAttempts[${i}]`)
    return readAttempt(a, `${path}.extra.attempts[${i}]`, text)
  })
}

function readTest(v: unknown, path: string, opts: FromCtrfOptions): TestCase {
  const t = obj(v, path)
  const extra = isObj(t.extra) ? t.extra : {}
  const tier = isTier(extra.tier) ? extra.tier : isTier(t.type) ? t.type : opts.defaultTier
  if (tier === undefined)
    throw new CtrfFieldError(
      `${path}.type`,
      'names no tier (unit, integration or e2e) and no default tier was given'
    )
  const name = extra.name === '' ? '' : str(t.name, `${path}.name`)
  const file = optStr(t.filePath, `${path}.filePath`)
  const line = t.line === undefined ? undefined : int(t.line, `${path}.line`)
  const suite =
    t.suite === undefined ? [] : arr(t.suite, `${path}.suite`).map((s, i) => str(s, `${path}.suite[${i}]`))
  const attempts =
    extra.attempts !== undefined ? storedAttempts(t, extra.attempts, path) : foreignAttempts(t, path)
  const ordinal = extra.ordinal === undefined ? undefined : int(extra.ordinal, `${path}.extra.ordinal`)
  return {
    id: testId({ file, suite, name, ...optional('ordinal', ordinal) }),
    tier,
    ...optional('file', file),
    ...optional('line', line),
    suite,
    name,
    ...optional('ordinal', ordinal),
    ...(extra.loadFailure === true ? { loadFailure: true as const } : {}),
    attempts
  }
}

/** Attempts of a foreign test: its retryAttempts, then the final result (flaky tests end passed). */
function foreignAttempts(t: Record<string, unknown>, path: string): Attempt[] {
  const earlier =
    t.retryAttempts === undefined
      ? []
      : arr(t.retryAttempts, `${path}.retryAttempts`).map((r, i) => {
          const p = `${path}.retryAttempts[${i}]`
          const a = obj(r, p)
          return {
            outcome: outcomeOf(a.status, `${p}.status`),
            durationMs: a.duration === undefined ? 0 : num(a.duration, `${p}.duration`),
            runAttempt: 1,
            ...optional('message', optStr(a.message, `${p}.message`)),
            ...optional('trace', optStr(a.trace, `${p}.trace`))
          }
        })
  const retried = earlier.reduce((s, a) => s + a.durationMs, 0)
  const final: Attempt = {
    outcome: outcomeOf(t.status, `${path}.status`),
    durationMs: Math.max(0, num(t.duration, `${path}.duration`) - retried),
    runAttempt: 1,
    ...optional('message', optStr(t.message, `${path}.message`)),
    ...optional('trace', optStr(t.trace, `${path}.trace`))
  }
  // A flaky test without retry details still needs a failed attempt before its pass.
  if (t.flaky === true && earlier.every((a) => a.outcome !== 'failed'))
    earlier.push({ outcome: 'failed', durationMs: 0, runAttempt: 1 })
  return [...earlier, final]
}
