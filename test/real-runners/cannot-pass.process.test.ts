/**
 * Failures no retry can fix, as the real tools print them: npm without the script, a shell without the
 * command (127), jest and vitest with a reporter module that does not exist. Each runs once (retries: 2
 * asked), the tier says why it was not retried, and the output that explains the exit code is kept.
 */
import { beforeAll, expect, it } from '@jest/globals'
import path from 'node:path'
import { commandAttempts } from '../../src/core/results/run.js'
import { runEngine, type EngineRun } from './engine.js'
import { jsProject } from './js-projects.js'
import { describeWithTool, ROOT } from './tools.js'

const nodeModules = path.join(ROOT, 'node_modules')

async function project(files: Record<string, string>, scripts: Record<string, string>, prefix: string) {
  const packageJson = { name: prefix, private: true, type: 'module', scripts }
  return jsProject(files, { nodeModules, packageJson, prefix })
}

const CASES: { name: string; command: string; why: RegExp; output: RegExp }[] = [
  {
    name: 'npm run of a script package.json does not have',
    command: 'npm run test:unit',
    why: /npm has no script "test:unit"/,
    output: /Missing script: "test:unit"/
  },
  {
    name: 'a command the shell does not find',
    command: 'jestt --ci',
    why: /a command is not found \(exit 127\)/,
    output: /jestt: .*not found/
  },
  {
    name: 'jest 30 with a reporter module that does not exist',
    command: 'npx jest --ci --config jest.config.cjs',
    why: /jest cannot resolve a custom reporter module/,
    output: /Could not resolve a module for a custom reporter/
  },
  {
    name: 'vitest 4 with a reporter module that does not exist',
    command: 'npx vitest run --reporter=./no-such-reporter.js',
    why: /vitest cannot load the reporter/,
    output: /no-such-reporter/
  }
]

describeWithTool('failures no retry can fix', { dir: path.join(nodeModules, 'jest') }, () => {
  const runs = new Map<string, EngineRun>()
  beforeAll(async () => {
    const dir = await project(
      {
        'a.test.js': `import { test, expect } from 'vitest'\ntest('a', () => expect(1).toBe(1))\n`,
        'jest.config.cjs': `module.exports = { testMatch: ['**/*.test.cjs'], reporters: ['default', 'jest-no-such-reporter'] }\n`,
        'a.test.cjs': `test('a', () => expect(1).toBe(1))\n`
      },
      { test: 'vitest run' },
      'cannot-pass'
    )
    for (const c of CASES) runs.set(c.name, await runEngine({ dir, command: c.command, retries: 2 }))
  }, 300_000)

  for (const c of CASES)
    it(`${c.name}: runs once and says why it was not retried`, () => {
      const run = runs.get(c.name)!
      expect(commandAttempts(run.run)).toHaveLength(1)
      const notes = run.run.notes.map((n) => n.text).join('\n')
      expect(notes).toMatch(/not retried: /)
      expect(notes).toMatch(c.why)
      expect(run.run.failureOutput?.lines.join('\n')).toMatch(c.output)
    })
})
