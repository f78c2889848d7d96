/** Runner detection over the command shapes real projects use (core, pure). */
import { describe, expect, it } from '@jest/globals'
import { detectRunner } from '../../src/core/runners/detect-runner.js'
import { splitCommandLine } from '../../src/core/runners/command-words.js'

type Row = [
  command: string,
  scripts: Record<string, string>,
  runner: string | undefined,
  /** undefined: found, but nothing can be appended. */
  append?: string | undefined,
  target?: string
]

/** Every row padded to five values (jest passes a `done` callback in place of a missing one). */
const rows = (list: Row[]) => list.map(([c, s, r, a, t]) => [c, s, r, a ?? null, t ?? null] as const)

describe('detectRunner', () => {
  it.each(
    rows([
      // Directly, and through launchers
      ['jest', {}, 'jest', 'direct'],
      ['npx jest --ci', {}, 'jest', 'direct'],
      ['npx --no-install jest', {}, 'jest', 'direct'],
      ['./node_modules/.bin/jest', {}, 'jest', 'direct'],
      ['node --experimental-vm-modules node_modules/jest/bin/jest.js', {}, 'jest', 'direct'],
      ['node "node_modules/jest/bin/jest.js" --reporters=a --reporters=b', {}, 'jest', 'direct'],
      ['NODE_OPTIONS=--max-old-space-size=4096 jest', {}, 'jest', 'direct'],
      ['cross-env NODE_ENV=test TZ=UTC jest --runInBand', {}, 'jest', 'direct'],
      ['pnpm exec jest', {}, 'jest', 'direct'],
      ['pnpm jest', {}, 'jest', 'direct'],
      ['yarn jest', {}, 'jest', 'direct'],
      ['npm exec -- jest', {}, 'jest', 'direct'],
      ['npx vitest run', {}, 'vitest', 'direct'],
      ['vitest --run --coverage', {}, 'vitest', 'direct'],
      ['node node_modules/vitest/vitest.mjs run', {}, 'vitest', 'direct'],
      ['pytest -x', {}, 'pytest', 'direct'],
      ['python -m pytest -q tests', {}, 'pytest', 'direct'],
      ['python3.11 -m pytest', {}, 'pytest', 'direct'],
      ['poetry run pytest', {}, 'pytest', 'direct'],
      ['uv run pytest -k smoke', {}, 'pytest', 'direct'],
      ['node --test', {}, 'node:test', 'direct'],
      ['node --import tsx --test test/', {}, 'node:test', 'direct'],
      ['go test ./...', {}, 'go', 'direct'],
      ['go test -race -count=1 ./internal/...', {}, 'go', 'direct'],
      ['npx mocha', {}, 'mocha', 'direct'],
      ['mocha --recursive test', {}, 'mocha', 'direct'],
      ['nyc mocha', {}, 'mocha', 'direct'],
      ['npx playwright test', {}, 'playwright', 'direct'],
      ['c8 node --test', {}, 'node:test', 'direct'],
      // The last command of a chain
      ['npm run build && jest', {}, 'jest', 'direct'],
      ['cd api; npx vitest run', {}, 'vitest', 'direct'],
      // Through package.json scripts
      ['npm run test:unit', { 'test:unit': 'jest -c jest/unit.config.mjs' }, 'jest', 'after-dashes'],
      ['npm test', { test: 'vitest run' }, 'vitest', 'after-dashes'],
      ['npm t', { test: 'mocha' }, 'mocha', 'after-dashes'],
      ['npm run test:unit -- --ci', { 'test:unit': 'jest' }, 'jest', 'direct'],
      ['npm run test:unit', { 'test:unit': 'tsc && jest' }, 'jest', 'after-dashes'],
      ['npm run test:unit', { 'test:unit': 'cross-env NODE_ENV=test jest' }, 'jest', 'after-dashes'],
      ['yarn test', { test: 'CI=1 jest' }, 'jest', 'direct'],
      ['yarn run test', { test: 'jest' }, 'jest', 'direct'],
      ['pnpm test:unit', { 'test:unit': 'vitest run' }, 'vitest', 'direct'],
      ['pnpm run test', { test: 'vitest run' }, 'vitest', 'direct'],
      ['bun run test', { test: 'vitest' }, 'vitest', 'direct'],
      ['npm test', { test: 'node --test' }, 'node:test', 'after-dashes'],
      ['npm test', { test: 'go test ./...' }, 'go', 'after-dashes'],
      ['npm run e2e', { e2e: 'playwright test' }, 'playwright', 'after-dashes'],
      ['npm test', { test: 'python -m pytest' }, 'pytest', 'after-dashes'],
      // A script that forwards to another script: the other one is called directly
      [
        'npm test',
        { test: 'npm run test:jest', 'test:jest': 'jest' },
        'jest',
        'after-dashes',
        'npm run test:jest'
      ],
      // …unless it has hooks, or the runner is not its last command: found, but flags cannot be added
      ['npm test', { test: 'npm run test:jest', pretest: 'tsc', 'test:jest': 'jest' }, 'jest', undefined],
      ['npm run test:unit', { 'test:unit': 'jest && npm run lint', lint: 'eslint .' }, 'jest', undefined],
      ['jest && echo done', {}, 'jest', undefined],
      // Not a runner, or not certain
      ['npm run test:unit', { 'test:unit': 'ava' }, undefined],
      ['npm run missing', {}, undefined],
      ['bun test', { test: 'jest' }, undefined],
      ['jest | tee out.log', {}, undefined],
      ['jest $(cat args)', {}, undefined],
      ['jest > out.log', {}, undefined],
      ['jest # a comment', {}, undefined],
      ['make test', {}, undefined],
      ['npm --prefix api test', { test: 'jest' }, undefined]
    ])
  )('%s %j → %s (%s)', (command, scripts, runner, append, target) => {
    const found = detectRunner(command, scripts)
    expect(found?.runner).toBe(runner)
    if (runner === undefined) return
    expect(found?.append ?? null).toBe(append)
    expect(found?.target).toBe(target ?? command)
  })

  it("collects the runner's arguments from the command and the script", () => {
    expect(detectRunner('npm run t -- --ci', { t: 'jest --runInBand' })?.args).toEqual([
      '--runInBand',
      '--ci'
    ])
    expect(detectRunner("npx vitest run 'src/a b'", {})?.args).toEqual(['run', 'src/a b'])
    expect(detectRunner('go test -v ./...', {})?.args).toEqual(['-v', './...'])
  })

  it('says how it was found', () => {
    expect(detectRunner('npm run test:unit', { 'test:unit': 'jest --ci' })?.via).toBe(
      'npm run test:unit → jest --ci'
    )
  })
})

describe('splitCommandLine', () => {
  it.each([
    ['a  b', [['a', 'b']]],
    [`a 'b c' "d \\"e\\"" f\\ g`, [['a', 'b c', 'd "e"', 'f g']]],
    ['a && b || c; d', [['a'], ['b'], ['c'], ['d']]],
    ['a\nb\n', [['a'], ['b']]]
  ])('%j', (line, segments) => {
    expect(splitCommandLine(line)?.segments).toEqual(segments)
  })

  it.each(['a | b', 'a > f', 'a &', '(a)', 'a `b`', 'a "$(b)"', "a 'b", 'a &&', 'a # c'])(
    'refuses %j',
    (line) => {
      expect(splitCommandLine(line)).toBeUndefined()
    }
  )
})
