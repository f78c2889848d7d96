import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import type { TestCase } from '../../src/core/results/model.js'
import { planRetry, wholeCommand, type RetryInput } from '../../src/core/retries/retry-scope.js'
import { detectRunner } from '../../src/core/runners/detect-runner.js'
import { testId } from '../../src/core/results/identity.js'

const failed = (
  file: string | undefined,
  suite: string[],
  name: string,
  extra: Partial<TestCase> = {}
): TestCase => ({
  id: testId({ file, suite, name }),
  tier: 'unit',
  ...(file ? { file } : {}),
  suite,
  name,
  attempts: [{ outcome: 'failed', durationMs: 1, runAttempt: 1 }],
  ...extra
})

const NONE = { args: [], envAppend: {} }

function retry(
  command: string,
  scripts: Record<string, string>,
  tests: TestCase[],
  more: Partial<RetryInput> = {}
) {
  return planRetry({
    command,
    invocation: detectRunner(command, scripts),
    failed: tests,
    cwdPath: (p) => p,
    every: NONE,
    wholeOnly: NONE,
    ...more
  })
}

/** The words bash makes of a command line, without running it (printf shows each argument). */
function bashWords(command: string): string[] {
  const r = spawnSync('bash', ['-c', `set -- ${command}; printf '%s\\0' "$@"`], { encoding: 'utf8' })
  return r.stdout.split('\0').slice(0, -1)
}

const HOSTILE = `it's "quoted" (a|b) [x] $HOME \\ * + ? ^ {2} / .end`

describe('planRetry', () => {
  it('jest: the failed names and files only, the name pattern first and the files after `--`', () => {
    const plan = retry('npm run test:unit', { 'test:unit': 'jest --selectProjects unit' }, [
      failed('test/a.test.ts', ['orders'], 'adds (2) totals'),
      failed('test/a.test.ts', ['orders'], 'b')
    ])
    expect(plan.scope).toMatchObject({ kind: 'failed-only', nameFiltered: true })
    expect(plan.command).toBe(
      "npm run test:unit -- --testNamePattern '(^| )(adds\\s+\\(2\\)\\s+totals|b)$' -- 'test\\/a\\.test\\.ts$'"
    )
  })

  it('vitest through yarn and pnpm: no npm `--`, files then -t', () => {
    const tests = [failed('src/x.test.ts', [], 'x')]
    expect(retry('yarn test', { test: 'vitest run' }, tests).command).toBe(
      "yarn test src/x.test.ts -t '(^| )(x)$'"
    )
    expect(retry('pnpm test', { test: 'vitest run' }, tests).command).toBe(
      "pnpm test src/x.test.ts -t '(^| )(x)$'"
    )
  })

  it('a file that did not load is retried by file, never by name', () => {
    const tests = [
      failed('src/broken.test.ts', [], 'Test suite failed to run', { loadFailure: true }),
      failed('src/x.test.ts', [], 'x')
    ]
    expect(retry('npx vitest run', {}, tests).command).toBe('npx vitest run src/broken.test.ts src/x.test.ts')
    const jest = retry('npx jest', {}, tests)
    expect(jest.command).toBe("npx jest -- 'src\\/broken\\.test\\.ts$' 'src\\/x\\.test\\.ts$'")
    expect(jest.scope).toMatchObject({ kind: 'failed-only', nameFiltered: false })
    expect(jest.why).toMatch(/by file/)
  })

  it("replaces the user's own path filters with the failed files on the runner's own line", () => {
    const tests = [failed('src/unit/x.test.ts', [], 'x')]
    expect(retry('npx vitest run src/unit --reporter=dot', {}, tests).command).toBe(
      "npx vitest run --reporter=dot src/unit/x.test.ts -t '(^| )(x)$'"
    )
    expect(retry('cd api && npx jest --ci src/unit', {}, tests).command).toBe(
      "cd api && npx jest --ci --testNamePattern '(^| )(x)$' -- 'src\\/unit\\/x\\.test\\.ts$'"
    )
    // A known flag keeps its value; after an unknown flag the next word could be its value, through a
    // script words can only be appended, `vitest related` takes source files: there the filters stay.
    expect(retry('npx vitest run --project unit src', {}, tests).command).toBe(
      "npx vitest run --project unit src/unit/x.test.ts -t '(^| )(x)$'"
    )
    expect(retry('npx vitest run --bail 1 src', {}, tests).command).toBe(
      "npx vitest run --bail 1 src src/unit/x.test.ts -t '(^| )(x)$'"
    )
    expect(retry('npm test', { test: 'vitest run src/unit' }, tests).command).toBe(
      "npm test -- src/unit/x.test.ts -t '(^| )(x)$'"
    )
    expect(retry('npx vitest related src/a.ts', {}, tests).command).toBe(
      "npx vitest related src/a.ts src/unit/x.test.ts -t '(^| )(x)$'"
    )
  })

  it("pytest: the user's own paths replaced by the failed node ids, unless a word may be a flag's value", () => {
    const tests = [failed('tests/test_a.py', [], 'test_x')]
    expect(retry('python3 -m pytest -q tests', {}, tests).command).toBe(
      'python3 -m pytest -q tests/test_a.py::test_x'
    )
    expect(retry('python3 -m pytest -p no:cacheprovider -k fast tests', {}, tests).command).toBe(
      'python3 -m pytest -p no:cacheprovider -k fast tests/test_a.py::test_x'
    )
    expect(retry('python3 -m pytest --unknown x tests', {}, tests).command).toBe(
      'python3 -m pytest --unknown x tests tests/test_a.py::test_x'
    )
  })

  it('a hostile title is matched exactly: the pattern survives bash and matches only that title', () => {
    const plan = retry('npx jest', {}, [failed('a.test.js', ['suite'], HOSTILE)])
    const words = bashWords(plan.command.replace(/^npx jest /, ''))
    expect(words[0]).toBe('--testNamePattern')
    const re = new RegExp(words[1]!)
    expect(re.test(`suite ${HOSTILE}`)).toBe(true)
    expect(re.test(HOSTILE)).toBe(true)
    expect(re.test(`suite ${HOSTILE.replace('(a|b)', 'a')}`)).toBe(false)
    expect(re.test(`suite x${HOSTILE}`)).toBe(false)
  })

  it('pytest: node ids from file, class and name', () => {
    const plan = retry('python -m pytest -q', {}, [
      failed('tests/test_calc.py', ['pytest', 'tests.test_calc'], 'test_div[1-0]'),
      failed('tests/test_calc.py', ['pytest', 'tests.test_calc.TestParse'], "test_it[it's]")
    ])
    expect(bashWords(plan.command)).toEqual([
      'python',
      '-m',
      'pytest',
      '-q',
      'tests/test_calc.py::test_div[1-0]',
      "tests/test_calc.py::TestParse::test_it[it's]"
    ])
  })

  it('pytest: a file that did not collect stopped the session, so the whole command runs again', () => {
    const broken = failed('tests/test_broken.py', [], 'Test suite failed to run', { loadFailure: true })
    expect(retry('pytest', {}, [broken]).why).toMatch(/stops the whole pytest session/)
  })

  it('pytest without file paths (xunit2) re-runs the whole command', () => {
    expect(
      retry('pytest', {}, [failed(undefined, ['pytest', 'tests.test_calc'], 'test_div')]).scope.kind
    ).toBe('all')
  })

  it('go test: one run per package with -run of its failed top-level tests, the worst exit status', () => {
    const plan = retry(
      'go test -race -run Old -count=1 ./...',
      {},
      [
        failed(undefined, ['example.com/calc', 'TestTable'], 'case#01'),
        failed(undefined, ['example.com/calc'], 'TestTable'),
        failed(undefined, ['example.com/calc'], 'TestFlaky'),
        failed(undefined, ['example.com/api'], 'TestServe')
      ],
      { every: { args: ['-json'], envAppend: {} } }
    )
    expect(plan.command).toBe(
      "status=0; 'go' 'test' '-race' '-count=1' '-json' -run '^(TestServe)$' 'example.com/api' || status=$?; " +
        "'go' 'test' '-race' '-count=1' '-json' -run '^(TestFlaky|TestTable)$' 'example.com/calc' || status=$?; exit $status"
    )
  })

  it('mocha: --grep of the full titles; playwright: --last-failed', () => {
    const t = [failed('test/a.js', ['calc inner'], 'adds')]
    expect(retry('npx mocha', {}, t).command).toBe("npx mocha --grep '^(calc\\s+inner\\s+adds)$'")
    expect(retry('npx playwright test', {}, t).command).toBe('npx playwright test --last-failed')
  })

  it('node:test: --test-name-pattern before the files (Node reads a flag after a file as a file)', () => {
    const t = [failed(undefined, ['calc'], 'adds')]
    expect(retry('npm test', { test: 'node --test' }, t).command).toBe(
      "npm test -- '--test-name-pattern=^(adds)$'"
    )
    expect(retry('cd api && node --import tsx --test test/', {}, t).command).toBe(
      "cd api && node '--test-name-pattern=^(adds)$' --import tsx --test test/"
    )
    expect(retry('npm test', { test: 'node --test test/' }, t).why).toMatch(/would be read as a file/)
  })

  it('go test keeps the commands before it in the chain', () => {
    const plan = retry('cd svc && go test ./...', {}, [failed(undefined, ['example.com/x'], 'TestA')])
    expect(plan.command).toBe(
      "cd svc && { status=0; 'go' 'test' -run '^(TestA)$' 'example.com/x' || status=$?; exit $status; }"
    )
  })

  it('auto-report flags go on every attempt; the shard flag only on whole re-runs', () => {
    const every = { args: ['--json', '--outputFile=/r/j.json'], envAppend: {} }
    const wholeOnly = { args: ['--shard=2/3'], envAppend: {} }
    const inv = detectRunner('npx jest', {})
    expect(wholeCommand({ command: 'npx jest', invocation: inv, every, wholeOnly }).command).toBe(
      'npx jest --json --outputFile=/r/j.json --shard=2/3'
    )
    const plan = retry('npx jest', {}, [failed('a.test.js', [], 'x')], { every, wholeOnly })
    expect(plan.command).toBe(
      "npx jest --json --outputFile=/r/j.json --testNamePattern '(^| )(x)$' -- 'a\\.test\\.js$'"
    )
    expect(retry('npx jest', {}, [], { every, wholeOnly }).command).toBe(
      'npx jest --json --outputFile=/r/j.json --shard=2/3'
    )
  })

  it('re-runs the whole command when a failed test has no file, the runner is unknown, or nothing was named', () => {
    expect(retry('npx jest', {}, [failed(undefined, [], 'x')]).scope.kind).toBe('all')
    expect(retry('make test', {}, [failed('t.py', [], 'x')]).command).toBe('make test')
    expect(retry('npx jest', {}, []).why).toMatch(/no failed test could be named/)
    expect(retry('jest && echo ok', {}, [failed('a.js', [], 'x')]).why).toMatch(/would not reach it/)
  })
})
