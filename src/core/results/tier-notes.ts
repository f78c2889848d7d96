/**
 * What a tier says about its reports and retries, in its notes: no report (and the exact flag for the
 * runner), a report that holds no tests (and why runners write one), a failure no retry can fix. Pure.
 */
import { reportHint, type AutoReportPlan } from '../runners/auto-report.js'
import { RUNNER_LABELS, type TestRunner } from '../runners/detect-runner.js'
import type { Tier } from './model.js'
import type { TierNote } from './run.js'

export interface NoReportFacts {
  tier: Tier
  runner: TestRunner | undefined
  /** What auto-report did on the last attempt; undefined when it is off. */
  autoReport: AutoReportPlan | undefined
}

export function noReportNote(f: NoReportFacts): TierNote {
  const lead = 'no test report found: the result comes from the exit code alone.'
  const glob = `or set ${f.tier}-results to a glob of its reports`
  let how: string
  if (f.runner === undefined) {
    how = `Write JUnit XML, CTRF, Jest/vitest --json, mocha json or go test -json to $PYRAMID_RESULTS_DIR, ${glob}.`
  } else if (f.autoReport === undefined) {
    how = `auto-report is off: ${reportHint(f.runner)}, ${glob}.`
  } else if (f.autoReport.kind === 'leave') {
    how = `${f.autoReport.why}, ${glob}.`
  } else {
    how = `auto-report asked ${RUNNER_LABELS[f.runner]} for its report, but it wrote none: it stopped before reporting (its output below says why).`
  }
  return { level: 'warning', text: `${lead} ${how}` }
}

/** A report that lists no test at all: the runner stopped early, or its reporter dropped what happened. */
export function emptyReportNote(file: string, dialect: string | undefined): TierNote {
  const why =
    dialect === 'jest-junit'
      ? 'jest-junit writes an empty report when a test file fails to load; set JEST_JUNIT_REPORT_TEST_SUITE_ERRORS=true so it names the file'
      : dialect === 'playwright'
        ? 'Playwright writes an empty report when a test file fails to load (its output below says which)'
        : 'the runner stopped before running any test (its output below says why)'
  return { level: 'warning', text: `the report ${file} lists 0 tests: ${why}.` }
}

export function notRetriedNote(why: string): TierNote {
  return { level: 'error', text: `not retried: ${why}, which another attempt cannot change.` }
}

export function flakyWithoutReportNote(lastAttempt: number): TierNote {
  return {
    level: 'warning',
    text: `the command failed on attempt 1 and passed on attempt ${lastAttempt}: something is flaky, but without a report it cannot be named.`
  }
}
