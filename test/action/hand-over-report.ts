/**
 * The whole action on a report of any size: a push to the default branch whose unit tier only hands over
 * a report file (the big-run memory bound and bench/ingest.ts).
 */
import { newJob, type RunnerJob } from '../harness/simulated-runner.js'

export function pushToMainJob(): RunnerJob {
  return newJob({
    event: 'push',
    payload: {
      ref: 'refs/heads/main',
      deleted: false,
      repository: { full_name: 'octo-org/orders', default_branch: 'main' }
    }
  })
}

/** Inputs of a run whose unit command copies `reportFile` into the tier's results folder. */
export function handOverInputs(reportFile: string): Record<string, string> {
  return {
    tiers: 'unit',
    comment: 'never',
    history: 'off',
    retries: '0',
    'unit-command': `cp "${reportFile}" "$PYRAMID_RESULTS_DIR/report.xml"`
  }
}
