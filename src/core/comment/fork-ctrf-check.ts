/**
 * The CTRF part of a pull request's data (pyramid-comment.json `ctrf`), checked field by field: only the
 * fields this action writes, each held to the CTRF schema of the `ctrf` package (required fields, types,
 * minimums; a test checks agreement with the schema itself) and to tighter bounds of our own (lengths,
 * counts, allowed values). Pure and fast: one pass, no schema compiler in the bundle.
 */
import { testStatus, TIER_ORDER, type AttemptOutcome } from '../results/model.js'
import { FORK_LIMITS, LINE_MAX, type ForkCtrf } from './fork-run-data.js'
import { amount, choice, FieldError, fields, flag, list, matching, text, whole } from './strict-fields.js'

const STATUSES = ['passed', 'failed', 'skipped'] as const
const SEMVER = /^[0-9]{1,6}\.[0-9]{1,6}\.[0-9]{1,6}$/
/** Milliseconds since the epoch up to the year 2286: any real clock. */
const EPOCH_MAX = 9_999_999_999_999
const L = FORK_LIMITS

export function checkForkCtrf(v: unknown, path: string): ForkCtrf {
  const doc = fields(v, path, ['reportFormat', 'specVersion', 'results'])
  choice(doc.reportFormat, `${path}.reportFormat`, ['CTRF'])
  matching(doc.specVersion, `${path}.specVersion`, SEMVER, 'a version like 0.0.0')
  const results = fields(doc.results, `${path}.results`, ['tool', 'summary', 'tests'])
  const tool = fields(results.tool, `${path}.results.tool`, ['name'], ['version'])
  text(tool.name, `${path}.results.tool.name`, L.toolChars, 1)
  if (tool.version !== undefined) text(tool.version, `${path}.results.tool.version`, L.toolChars)
  const tests = list(results.tests, `${path}.results.tests`, L.tests)
  tests.forEach((t, i) => checkTest(t, `${path}.results.tests[${i}]`))
  checkSummary(results.summary, `${path}.results.summary`, tests as { status: string }[])
  return v as ForkCtrf
}

function checkSummary(v: unknown, path: string, tests: readonly { status: string }[]): void {
  const counts = ['tests', 'passed', 'failed', 'skipped', 'pending', 'other']
  const s = fields(v, path, [...counts, 'start', 'stop'], ['flaky', 'duration'])
  for (const k of counts) whole(s[k], `${path}.${k}`, 0, L.tests)
  if (s.flaky !== undefined) whole(s.flaky, `${path}.flaky`, 0, L.tests)
  const start = whole(s.start, `${path}.start`, 0, EPOCH_MAX)
  const stop = whole(s.stop, `${path}.stop`, start, EPOCH_MAX)
  if (s.duration !== undefined) whole(s.duration, `${path}.duration`, 0, stop - start)
  if (s.tests !== tests.length)
    throw new FieldError(`${path}.tests`, `is ${s.tests}, but ${tests.length} tests are listed`)
  const failed = tests.filter((t) => t.status === 'failed').length
  if (s.failed !== failed)
    throw new FieldError(`${path}.failed`, `is ${s.failed}, but ${failed} listed tests failed`)
}

function checkTest(v: unknown, path: string): void {
  const t = fields(
    v,
    path,
    ['name', 'status', 'duration', 'type', 'extra'],
    ['flaky', 'retries', 'retryAttempts', 'filePath', 'line', 'suite', 'message', 'trace']
  )
  text(t.name, `${path}.name`, L.nameChars, 1)
  choice(t.status, `${path}.status`, STATUSES)
  whole(t.duration, `${path}.duration`, 0, L.durationMs * L.testAttempts)
  const tier = choice(t.type, `${path}.type`, TIER_ORDER)
  if (t.flaky !== undefined && flag(t.flaky, `${path}.flaky`) !== true)
    throw new FieldError(`${path}.flaky`, 'is written only as true')
  if (t.filePath !== undefined) text(t.filePath, `${path}.filePath`, L.pathChars)
  if (t.line !== undefined) whole(t.line, `${path}.line`, 0, LINE_MAX)
  if (t.suite !== undefined)
    list(t.suite, `${path}.suite`, L.suiteDepth, 1).forEach((s, i) =>
      text(s, `${path}.suite[${i}]`, L.nameChars)
    )
  if (t.message !== undefined) text(t.message, `${path}.message`, L.messageChars)
  if (t.trace !== undefined) text(t.trace, `${path}.trace`, L.messageChars)
  const outcomes = checkTestExtra(t.extra, `${path}.extra`, tier)
  const status = testStatus({
    attempts: outcomes.map((outcome) => ({ outcome, durationMs: 0, runAttempt: 1 }))
  })
  if (t.status !== (status === 'flaky' ? 'passed' : status) || (t.flaky === true) !== (status === 'flaky'))
    throw new FieldError(`${path}.status`, `does not match the test's attempts (they say ${status})`)
  const earlier = outcomes.length - 1
  const retries = t.retries === undefined ? 0 : whole(t.retries, `${path}.retries`, 0, L.testAttempts - 1)
  const retryAttempts =
    t.retryAttempts === undefined
      ? []
      : list(t.retryAttempts, `${path}.retryAttempts`, L.testAttempts - 1, 1).map((r, i) =>
          checkRetryAttempt(r, `${path}.retryAttempts[${i}]`)
        )
  if (retries !== earlier || retryAttempts.length !== earlier)
    throw new FieldError(`${path}.retryAttempts`, `must list the ${earlier} attempt(s) before the last`)
}

function checkRetryAttempt(v: unknown, path: string): void {
  const a = fields(v, path, ['attempt', 'status', 'duration', 'extra'], ['message', 'trace'])
  whole(a.attempt, `${path}.attempt`, 1, L.testAttempts)
  choice(a.status, `${path}.status`, STATUSES)
  whole(a.duration, `${path}.duration`, 0, L.durationMs)
  if (a.message !== undefined) text(a.message, `${path}.message`, L.messageChars)
  if (a.trace !== undefined) text(a.trace, `${path}.trace`, L.messageChars)
  const extra = fields(a.extra, `${path}.extra`, ['runAttempt'])
  whole(extra.runAttempt, `${path}.extra.runAttempt`, 1, L.tierAttempts)
}

/** Our per-test extra: the tier (the same as `type`) and every execution; returns their outcomes. */
function checkTestExtra(v: unknown, path: string, tier: string): AttemptOutcome[] {
  const e = fields(v, path, ['tier', 'attempts', 'runAttempts'], ['name'])
  if (choice(e.tier, `${path}.tier`, TIER_ORDER) !== tier)
    throw new FieldError(`${path}.tier`, `is ${String(e.tier)}, but the test's type is ${tier}`)
  if (e.name !== undefined) choice(e.name, `${path}.name`, [''])
  const attempts = list(e.attempts, `${path}.attempts`, L.testAttempts, 1)
  const outcomes = attempts.map((a, i) => {
    const p = `${path}.attempts[${i}]`
    const o = fields(a, p, ['outcome', 'durationMs', 'runAttempt'])
    amount(o.durationMs, `${p}.durationMs`, L.durationMs)
    whole(o.runAttempt, `${p}.runAttempt`, 1, L.tierAttempts)
    return choice(o.outcome, `${p}.outcome`, STATUSES)
  })
  list(e.runAttempts, `${path}.runAttempts`, L.tierAttempts, 1).forEach((n, i) =>
    whole(n, `${path}.runAttempts[${i}]`, 1, L.tierAttempts)
  )
  return outcomes
}
