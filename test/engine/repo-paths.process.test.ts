/**
 * A tier in a monorepo package (working directory below the repository root): the files its report names
 * become repository paths, resolved once per run of a file's tests; a path outside the repository stays
 * as the report wrote it. The tier runner from src with the real shell and file adapters.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { systemClock } from '../../src/adapters/clock.js'
import { fileResultsSource } from '../../src/adapters/files/results-source.js'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'
import { createShell } from '../../src/adapters/process/shell.js'
import type { Log } from '../../src/app/ports.js'
import { runTier } from '../../src/app/tiers/run-tier.js'

const quiet: Log = {
  info: () => {},
  debug: () => {},
  warning: () => {},
  error: () => {},
  mask: () => {},
  group: async (_name, fn) => fn()
}

const testcase = (file: string, name: string) =>
  `<testcase file="${file}" classname="c" name="${name}" time="0.1"/>`

describe('report files as repository paths', () => {
  it('resolves them from the working directory, for every test of a file, and leaves outside paths alone', async () => {
    const repo = await mkdtemp(path.join(os.tmpdir(), 'pyramid-repo-paths-'))
    try {
      const pkg = path.join(repo, 'packages', 'api')
      await mkdir(pkg, { recursive: true })
      const outside = path.join(os.tmpdir(), 'elsewhere.test.ts')
      const cases = [
        testcase('src/a.test.ts', 'a1'),
        testcase('src/a.test.ts', 'a2'),
        testcase('./src/b.test.ts', 'b1'),
        testcase('../../../../outside.test.ts', 'up'),
        testcase(outside, 'abs'),
        testcase('src/a.test.ts', 'a3'),
        '<testcase classname="c" name="nofile" time="0"/>'
      ]
      await writeFile(
        path.join(pkg, 'report.xml'),
        `<testsuites><testsuite name="s">${cases.join('')}</testsuite></testsuites>`
      )
      const run = await runTier(
        {
          shell: createShell(),
          clock: systemClock,
          log: quiet,
          results: fileResultsSource,
          workspace: fileWorkspace
        },
        {
          plan: {
            tier: 'unit',
            run: true,
            reason: 'asked',
            command: 'cp report.xml "$PYRAMID_RESULTS_DIR/"'
          },
          retries: 0,
          workingDirectory: pkg,
          baseEnv: { PATH: process.env.PATH },
          resultsRoot: path.join(repo, '.pyramid-results'),
          repoRoot: repo,
          signal: new AbortController().signal,
          autoReport: false,
          secrets: []
        }
      )
      expect(run.tests.map((t) => [t.name, t.file])).toEqual([
        ['a1', 'packages/api/src/a.test.ts'],
        ['a2', 'packages/api/src/a.test.ts'],
        ['b1', 'packages/api/src/b.test.ts'],
        ['up', '../../../../outside.test.ts'],
        ['abs', outside],
        ['a3', 'packages/api/src/a.test.ts'],
        ['nofile', undefined]
      ])
    } finally {
      await rm(repo, { recursive: true, force: true })
    }
  })
})
