import { describe, expect, it } from '@jest/globals'
import type { TestCase } from '../../src/core/results/model.js'
import { detectRunner, planRetry } from '../../src/core/retries/retry-scope.js'

const failed = (file: string | undefined, name: string): TestCase => ({
  id: `${file} › ${name}`,
  tier: 'unit',
  ...(file ? { file } : {}),
  suite: ['orders'],
  name,
  attempts: [{ outcome: 'failed', durationMs: 1, runAttempt: 1 }]
})

describe('detectRunner', () => {
  it.each([
    ['npx jest', {}, 'jest'],
    ['jest --ci', {}, 'jest'],
    ['node "node_modules/jest/bin/jest.js" --reporters=a --reporters=b', {}, 'jest'],
    ['npm run test:unit', { 'test:unit': 'jest -c jest/unit.config.mjs' }, 'jest'],
    ['npm test', { test: 'vitest run' }, 'vitest'],
    [
      'pnpm test:unit',
      { 'test:unit': 'vitest run --reporter=junit --outputFile.junit=$PYRAMID_RESULTS_DIR/j.xml' },
      'vitest'
    ],
    ['yarn test', { test: 'CI=1 jest' }, 'jest'],
    ['npm run test:unit', { 'test:unit': 'tsc && jest' }, undefined],
    ['npm run test:unit', { 'test:unit': 'mocha' }, undefined],
    ['npm run missing', {}, undefined],
    ['pytest -x', {}, undefined],
    ['jest | tee out.log', {}, undefined],
    ['jest $(cat args)', {}, undefined]
  ] as const)('%s (%j) → %s', (command, scripts, expected) => {
    expect(detectRunner(command, scripts as Record<string, string>)).toBe(expected)
  })
})

describe('planRetry', () => {
  it('re-runs only the failed names and files for jest, with file patterns after --', () => {
    const plan = planRetry(
      'npm run test:unit',
      [failed('test/a.test.ts', 'adds (2) totals'), failed('test/a.test.ts', 'b')],
      {
        'test:unit': 'jest --selectProjects unit'
      }
    )
    expect(plan.scope).toBe('failed-only')
    expect(plan.command).toBe(
      "npm run test:unit -- '--testNamePattern' '(^| )(adds \\(2\\) totals|b)$' '--' 'test\\/a\\.test\\.ts$'"
    )
  })

  it('uses -t and file filters for vitest, and no npm `--` for yarn', () => {
    const plan = planRetry('yarn test', [failed('src/x.test.ts', "it's")], { test: 'vitest run' })
    expect(plan.command).toBe("yarn test 'src/x.test.ts' '-t' '(^| )(it'\\''s)$'")
  })

  it('re-runs the whole command when a failed test has no file, or the runner is unknown, or nothing was named', () => {
    expect(planRetry('jest', [failed(undefined, 'x')], {}).scope).toBe('all')
    expect(planRetry('pytest', [failed('t.py', 'x')], {}).command).toBe('pytest')
    expect(planRetry('jest', [], {}).scope).toBe('all')
  })
})
