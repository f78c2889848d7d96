/** Representative RunReports for the renderer tests and golden files. */
import type { Attempt, Tier, TestCase } from '../../src/core/results/model.js'
import { testId } from '../../src/core/results/identity.js'
import type { RunReport } from '../../src/core/results/report.js'
import { skippedTier, type CommandAttempt, type TierRun } from '../../src/core/results/run.js'
import type { Plan } from '../../src/core/tiers/plan.js'

export function test(
  tier: Tier,
  file: string | undefined,
  suite: string[],
  name: string,
  attempts: Partial<Attempt>[],
  line?: number
): TestCase {
  return {
    id: testId({ file, suite, name }),
    tier,
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
    suite,
    name,
    attempts: attempts.map((a) => ({ outcome: 'passed', durationMs: 10, runAttempt: 1, ...a }))
  }
}

const pass = (durationMs: number, runAttempt = 1): Partial<Attempt> => ({
  outcome: 'passed',
  durationMs,
  runAttempt
})
const fail = (durationMs: number, message: string, runAttempt = 1): Partial<Attempt> => ({
  outcome: 'failed',
  durationMs,
  message,
  runAttempt
})

const plan: Plan = {
  event: 'push',
  ref: 'refs/heads/main',
  defaultBranch: 'main',
  isDefaultBranch: true,
  isFork: false,
  selection: 'auto',
  tiers: [
    { tier: 'unit', run: true, reason: 'every push', command: 'npm test' },
    { tier: 'integration', run: true, reason: 'default branch', command: 'npm run test:int' },
    { tier: 'e2e', run: true, reason: 'push to the default branch', command: 'npm run test:e2e' }
  ]
}

function base(tiers: TierRun[], extra: Partial<RunReport> = {}): RunReport {
  return {
    context: {
      repository: 'acme/orders',
      sha: '0123456789abcdef0123456789abcdef01234567',
      ref: 'refs/heads/main',
      eventName: 'push',
      runId: '987654321',
      runAttempt: 1,
      serverUrl: 'https://github.com',
      job: 'pyramid'
    },
    plan,
    tiers,
    failOnFlaky: false,
    runnerPricePerMinute: 0.006,
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:04:05.000Z',
    costLines: [],
    ...extra
  }
}

/** A tier whose command ran (one passing attempt unless given), on a runner at $0.006/min. */
function ran(
  tier: Tier,
  tests: TestCase[],
  {
    attempts,
    wallMs = 12_000,
    ...extra
  }: Partial<TierRun> & { attempts?: CommandAttempt[]; wallMs?: number } = {}
): TierRun {
  const [first, ...rest] = attempts ?? [
    {
      attempt: 1,
      command: 'npm test',
      scope: 'all',
      exitCode: 0,
      durationMs: 12_400,
      reportFiles: ['junit.xml']
    }
  ]
  return {
    tier,
    outcome: { kind: 'ran', attempts: [first!, ...rest] },
    tests,
    phases: [],
    notes: [],
    runnerTime: [{ wallMs, usdPerMinute: 0.006 }],
    facts: {},
    ...extra
  }
}

export function allGreen(): RunReport {
  return base(
    [
      ran('unit', [
        test('unit', 'src/orders/price.test.ts', ['price'], 'adds VAT', [pass(4)], 3),
        test('unit', 'src/orders/price.test.ts', ['price'], 'rounds half up', [pass(2)], 9),
        test('unit', 'src/orders/cart.test.ts', ['cart'], 'rejects an empty cart', [pass(31)], 12),
        test(
          'unit',
          'src/orders/cart.test.ts',
          ['cart'],
          'is pending',
          [{ outcome: 'skipped', durationMs: 0 }],
          20
        )
      ]),
      ran(
        'integration',
        [
          test(
            'integration',
            'test/int/orders-table.test.ts',
            ['orders table'],
            'writes and reads an order',
            [pass(850)],
            5
          )
        ],
        {
          phases: [
            { name: 'start LocalStack', kind: 'setup', durationMs: 21_300, ok: true },
            { name: 'stop LocalStack', kind: 'teardown', durationMs: 1_900, ok: true }
          ],
          facts: { 'LocalStack image': 'localstack/localstack:4.14.0' },
          wallMs: 36_000
        }
      ),
      ran('e2e', [test('e2e', 'test/e2e/api.test.ts', ['POST /orders'], 'returns 201', [pass(1_240)], 14)], {
        phases: [
          { name: 'cdk deploy', kind: 'setup', durationMs: 95_000, ok: true },
          { name: 'cdk destroy', kind: 'teardown', durationMs: 61_000, ok: true }
        ],
        wallMs: 159_000
      })
    ],
    {
      stacks: {
        region: 'eu-west-1',
        accountMasked: '********1234',
        stacks: [
          {
            name: 'pyr-orders-987654321-1-Api',
            finalStatus: 'DELETE_COMPLETE',
            deployMs: 95_000,
            destroyMs: 61_000
          }
        ],
        failedResources: [],
        leaked: [],
        unconfirmed: [],
        outputs: {
          'pyr-orders-987654321-1-Api': { ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/' }
        }
      },
      costLines: [
        {
          kind: 'usage-priced',
          tier: 'e2e',
          item: 'AWS::Lambda::Function × 2',
          unitPrice: '$0.20 per 1M requests'
        },
        {
          kind: 'metered',
          tier: 'e2e',
          item: 'AWS::DynamoDB::Table × 1',
          usd: 0.0002,
          basis: 'on-demand, storage for 3 min'
        }
      ]
    }
  )
}

export function failuresAndFlaky(): RunReport {
  return base(
    [
      ran(
        'unit',
        [
          test(
            'unit',
            'src/orders/price.test.ts',
            ['price'],
            'adds VAT',
            [
              fail(
                5,
                'expect(received).toBe(expected)\n\nExpected: 119\nReceived: 100\n\n  at Object.<anonymous> (src/orders/price.test.ts:4:27)'
              )
            ],
            4
          ),
          test(
            'unit',
            'src/orders/cart.test.ts',
            ['cart', 'checkout'],
            'retries the payment',
            [fail(300, 'timeout'), pass(120)],
            40
          ),
          test('unit', 'src/orders/cart.test.ts', ['cart'], 'rejects an empty cart', [pass(31)], 12)
        ],
        {
          attempts: [
            {
              attempt: 1,
              command: 'npm test',
              scope: 'all',
              exitCode: 1,
              durationMs: 14_000,
              reportFiles: ['junit.xml']
            },
            {
              attempt: 2,
              command: 'npm test',
              scope: 'failed-only',
              exitCode: 1,
              durationMs: 3_000,
              reportFiles: ['junit.xml']
            }
          ]
        }
      ),
      ran(
        'integration',
        [
          test(
            'integration',
            'test/int/queue.test.ts',
            ['queue'],
            'delivers to the DLQ',
            [fail(2_000, 'DLQ empty after 2 s', 1), pass(1_800, 2)],
            22
          ),
          test(
            'integration',
            'test/int/queue.test.ts',
            ['queue'],
            'hostile `name` | <img src=x onerror=alert(1)> @acme/admins #12',
            [
              fail(
                15,
                'a ``` fence\n```\n<!-- pyramid:marker -->\n[click](https://evil.example) ![x](y) @octocat'
              )
            ],
            30
          )
        ],
        {
          attempts: [
            {
              attempt: 1,
              command: 'npm run test:int',
              scope: 'all',
              exitCode: 1,
              durationMs: 9_000,
              reportFiles: []
            },
            {
              attempt: 2,
              command: 'npm run test:int',
              scope: 'failed-only',
              exitCode: 1,
              durationMs: 4_000,
              reportFiles: []
            }
          ],
          phases: [{ name: 'start LocalStack', kind: 'setup', durationMs: 18_000, ok: true }],
          wallMs: 31_000
        }
      ),
      skippedTier('e2e', 'unit failed and fail-fast is on')
    ],
    {
      context: { ...base([]).context, eventName: 'pull_request', ref: 'refs/pull/42/merge' },
      commentNote: 'updated the sticky comment on pull request 42'
    }
  )
}

export function skippedTiers(): RunReport {
  return base(
    [
      ran('unit', [], {
        notes: [
          {
            level: 'warning',
            text: 'no report found: result from exit code — add jest-junit (reporters: ["default", "jest-junit"]) or write JUnit XML to $PYRAMID_RESULTS_DIR'
          }
        ]
      }),
      skippedTier(
        'integration',
        'runs on pull requests, the merge queue and the default branch; this is a push to feature/login'
      ),
      skippedTier('e2e', 'runs on pushes to the default branch, manual dispatch and schedules')
    ],
    {
      context: { ...base([]).context, ref: 'refs/heads/feature/login' },
      startedAt: '2026-11-25T10:00:00.000Z',
      finishedAt: '2026-11-25T10:00:14.000Z'
    }
  )
}

export function e2eWithLeaks(): RunReport {
  return base(
    [
      ran('unit', [test('unit', 'src/a.test.ts', ['a'], 'works', [pass(3)], 1)]),
      ran('e2e', [test('e2e', 'test/e2e/api.test.ts', ['GET /orders'], 'lists orders', [pass(900)], 8)], {
        teardownFailure: 'stack pyr-orders-987654321-1-Data was force-deleted: 1 resource left behind',
        phases: [
          { name: 'cdk deploy', kind: 'setup', durationMs: 120_000, ok: true },
          {
            name: 'cdk destroy',
            kind: 'teardown',
            durationMs: 1_260_000,
            ok: false,
            detail: 'DELETE_FAILED, then FORCE_DELETE_STACK'
          }
        ],
        notes: [{ level: 'error', text: '1 resource leaked and still bills: see the stack section' }],
        wallMs: 1_100_000
      })
    ],
    {
      stacks: {
        region: 'us-east-1',
        accountMasked: '********4321',
        stacks: [
          {
            name: 'pyr-orders-987654321-1-Api',
            finalStatus: 'DELETE_COMPLETE',
            deployMs: 80_000,
            destroyMs: 70_000
          },
          {
            name: 'pyr-orders-987654321-1-Data',
            finalStatus: 'DELETE_COMPLETE',
            deployMs: 40_000,
            destroyMs: 1_190_000
          },
          { name: 'pyr-orders-987654321-1-Net', finalStatus: 'DELETE_IN_PROGRESS', deployMs: 30_000 }
        ],
        failedResources: [
          {
            stackName: 'pyr-orders-987654321-1-Data',
            logicalId: 'UploadsBucket1A2B3C',
            type: 'AWS::S3::Bucket',
            physicalId: 'pyr-orders-uploads-x1y2',
            status: 'DELETE_FAILED',
            reason: 'The bucket you tried to delete is not empty (Service: S3, Status Code: 409)'
          }
        ],
        leaked: [
          {
            stackName: 'pyr-orders-987654321-1-Data',
            logicalId: 'UploadsBucket1A2B3C',
            type: 'AWS::S3::Bucket',
            physicalId: 'pyr-orders-uploads-x1y2'
          }
        ],
        unconfirmed: ['pyr-orders-987654321-1-Net'],
        expiresAt: '2026-11-25T14:00:00.000Z',
        outputs: {}
      },
      costLines: [
        {
          kind: 'metered',
          tier: 'e2e',
          item: 'AWS::EC2::NatGateway × 1',
          usd: 0.045,
          basis: '1 started hour × $0.045/hour'
        }
      ]
    }
  )
}

/** Green, with flaky tests only (a pass that deserves a look). */
export function flakyOnly(): RunReport {
  const report = failuresAndFlaky()
  for (const tier of report.tiers) {
    tier.tests = tier.tests.filter((t) => t.attempts.at(-1)!.outcome !== 'failed')
    const o = tier.outcome
    if (o.kind === 'ran')
      o.attempts = [
        { ...o.attempts[0], exitCode: 0 },
        ...o.attempts.slice(1).map((a) => ({ ...a, exitCode: 0 }))
      ]
  }
  return report
}

/** 3,000 failures from jest (absolute node_modules frames) and pytest (source listings, E lines). */
export function manyFailures(): RunReport {
  const report = failuresAndFlaky()
  const jest = (i: number) =>
    `Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: ${i}\nReceived: ${i + 1}\n    at Object.<anonymous> (/home/runner/work/orders/orders/src/gen/file${i % 40}.test.ts:${i + 1}:20)\n    at Promise.finally.completed (/home/runner/work/orders/orders/node_modules/jest-circus/build/jestAdapterInit.js:1834:28)\n    at new Promise (<anonymous>)\n    at callAsyncCircusFn (/home/runner/work/orders/orders/node_modules/jest-circus/build/jestAdapterInit.js:1774:10)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)`
  report.tiers[0]!.tests = Array.from({ length: 2990 }, (_, i) =>
    test(
      'unit',
      `src/gen/file${i % 40}.test.ts`,
      ['generated', `group ${i % 7}`],
      `case ${i}`,
      [{ outcome: 'failed', durationMs: 3, message: jest(i).split('\n')[0]!, trace: jest(i) }],
      i + 1
    )
  )
  const pytest = `def test_div():\n        x = 1\n>       assert divide(6, 2) == 2\nE       assert 3.0 == 2\nE        +  where 3.0 = divide(6, 2)\n\ntests/test_calc.py:7: AssertionError`
  report.tiers[1]!.tests = [
    ...report.tiers[1]!.tests.filter((t) => t.attempts.at(-1)!.outcome !== 'failed'),
    ...Array.from({ length: 10 }, (_, i) =>
      test(
        'integration',
        'tests/test_calc.py',
        ['tests.test_calc'],
        `test_div_${i}`,
        [
          {
            outcome: 'failed',
            durationMs: 2,
            message: 'assert 3.0 == 2\n +  where 3.0 = divide(6, 2)',
            trace: pytest
          }
        ],
        7
      )
    )
  ]
  return report
}

/** Names and paths that try to break the markdown: `</details>` in a path, pipes, HTML, mentions. */
export function hostileNames(): RunReport {
  const report = failuresAndFlaky()
  report.tiers[0]!.tests.push(
    test(
      'unit',
      'src/a</details>b/x|y.test.ts',
      ['</details> <details><summary>'],
      'pipes | and `ticks` @octocat #1',
      [{ outcome: 'failed', durationMs: 4, message: '</details>\n| not | a | row |\n<img src=x>' }],
      3
    ),
    test(
      'unit',
      'src/(weird) [name].test.ts',
      ['suite'],
      'a link [x](https://evil.example) and www.evil.example',
      [
        { outcome: 'failed', durationMs: 4, message: 'see https://evil.example/path.' },
        { outcome: 'passed', durationMs: 4 }
      ],
      9
    )
  )
  return report
}

const T = Date.parse('2026-11-25T10:00:00.000Z')
const S = 1000

/** A timed phase (for the timeline): `at` and `ms` in seconds from the run's start. */
function timed(name: string, kind: 'setup' | 'teardown', at: number, ms: number, ok = true) {
  return { name, kind, startedAt: T + at * S, durationMs: ms * S, ok }
}

function timedAttempt(at: number, ms: number, exitCode = 0): CommandAttempt {
  return {
    attempt: 1,
    command: 'npm test',
    scope: 'all',
    exitCode,
    startedAt: T + at * S,
    durationMs: ms * S,
    reportFiles: ['junit.xml']
  }
}

/**
 * prepare: eager with the durations of real runs: LocalStack starts while unit runs, the e2e stacks are
 * synthesized and deployed while unit and integration run, and the e2e tests start when both are done.
 */
export function pipelinedEager(): RunReport {
  return base(
    [
      ran('unit', [test('unit', 'src/orders/price.test.ts', ['price'], 'adds VAT', [pass(4)], 3)], {
        attempts: [timedAttempt(0, 40)],
        wallMs: 40_000
      }),
      ran(
        'integration',
        [test('integration', 'test/int/orders-table.test.ts', ['orders table'], 'writes', [pass(850)], 5)],
        {
          attempts: [timedAttempt(40, 60)],
          phases: [
            timed('pull', 'setup', 0, 14),
            timed('start', 'setup', 14, 2),
            timed('ready', 'setup', 16, 9),
            timed('remove', 'teardown', 100, 2)
          ],
          wallMs: 62_000
        }
      ),
      ran('e2e', [test('e2e', 'test/e2e/api.test.ts', ['POST /orders'], 'returns 201', [pass(1_240)], 14)], {
        attempts: [timedAttempt(170, 60)],
        phases: [
          timed('preflight', 'setup', 0, 1),
          timed('synth', 'setup', 1, 19),
          timed('deploy', 'setup', 20, 150),
          timed('destroy', 'teardown', 230, 60)
        ],
        wallMs: 188_000
      })
    ],
    { finishedAt: '2026-11-25T10:04:50.000Z' }
  )
}

/** prepare: eager, and unit fails: the stacks deployed ahead are destroyed at once, and the report says so. */
export function deployedAheadThenFailed(): RunReport {
  return base(
    [
      ran(
        'unit',
        [
          test('unit', 'src/orders/price.test.ts', ['price'], 'adds VAT', [fail(4, 'expected 12, got 11')], 3)
        ],
        { attempts: [timedAttempt(0, 40, 1)], wallMs: 40_000 }
      ),
      {
        ...skippedTier('integration', 'unit failed and fail-fast is on'),
        phases: [
          timed('pull', 'setup', 0, 14),
          timed('start', 'setup', 14, 2),
          timed('ready', 'setup', 16, 9),
          timed('remove', 'teardown', 40, 2)
        ],
        notes: [
          {
            level: 'info',
            text: 'Prepared ahead of its turn (prepare: eager); unit failed and fail-fast is on, so what it prepared was torn down at once.'
          }
        ]
      },
      {
        ...skippedTier('e2e', 'unit failed and fail-fast is on'),
        phases: [
          timed('preflight', 'setup', 0, 1),
          timed('synth', 'setup', 1, 19),
          timed('deploy', 'setup', 20, 20, false),
          timed('destroy', 'teardown', 40, 60)
        ],
        notes: [
          {
            level: 'info',
            text: 'Prepared ahead of its turn (prepare: eager); unit failed and fail-fast is on, so what it prepared was torn down at once.'
          },
          {
            level: 'warning',
            text: 'The stacks were deployed ahead of their turn (prepare: eager) and destroyed without being tested: they lived 1 min 20 s, an estimated $0.0001 of AWS resources (see the cost breakdown), plus the runner time of the deploy and the destroy.'
          }
        ],
        runnerTime: [{ wallMs: 60_000, usdPerMinute: 0.006 }]
      }
    ],
    {
      finishedAt: '2026-11-25T10:01:40.000Z',
      costLines: [
        {
          kind: 'metered',
          tier: 'e2e',
          item: 'AWS::DynamoDB::Table × 1',
          usd: 0.0001,
          basis: 'on-demand, storage for 2 min'
        }
      ]
    }
  )
}

/** A failing run with `n` failures whose paths hold `</details>` (inside the file name, as it can be). */
export function hostileFailures(n: number): RunReport {
  const report = failuresAndFlaky()
  report.tiers[1]!.tests = report.tiers[1]!.tests.filter((t) => t.attempts.at(-1)!.outcome !== 'failed')
  report.tiers[0]!.tests = Array.from({ length: n }, (_, i) =>
    test(
      'unit',
      `src/a</details>b/case-${i}.test.ts`,
      ['suite </details> <details>'],
      `case ${i} | with a pipe`,
      [{ outcome: 'failed', message: `expected ${i}\nExpected: 1\nReceived: 2`, durationMs: 5 }],
      i + 1
    )
  )
  return report
}

export const GOLDEN_REPORTS: Record<string, () => RunReport> = {
  'all-green': allGreen,
  'flaky-only': flakyOnly,
  'failures-and-flaky': failuresAndFlaky,
  'many-failures': manyFailures,
  'hostile-names': hostileNames,
  'skipped-tiers': skippedTiers,
  'e2e-with-leaks': e2eWithLeaks,
  'pipelined-eager': pipelinedEager,
  'deployed-ahead-then-failed': deployedAheadThenFailed
}
