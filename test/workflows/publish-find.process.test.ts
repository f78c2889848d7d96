/**
 * The `find` step of workflows/publish-comment.yml, run for real under bash and jq with a `gh` stand-in
 * that lists the triggering run's artifacts: per instance, the newest comment artifact up to the
 * completed attempt (artifacts persist across re-runs), and the one-step name as well.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadWorkflows } from './workflow-files.js'

const publisher = loadWorkflows('workflows').find((f) => f.path === 'workflows/publish-comment.yml')
const findScript = publisher?.doc.jobs['find']?.steps?.find((s) => s.id === 'find')?.run
const jqMissing = spawnSync('jq', ['--version']).error !== undefined

function find(names: string[], runAttempt: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pyramid-find-'))
  try {
    const gh = join(dir, 'gh')
    // The stand-in answers `gh api --paginate …/artifacts --jq …` with the names, one a line.
    writeFileSync(gh, `#!/usr/bin/env bash\nprintf '%s\\n' ${names.map((n) => `'${n}'`).join(' ')}\n`)
    chmodSync(gh, 0o755)
    writeFileSync(join(dir, 'step.sh'), findScript ?? 'exit 1')
    writeFileSync(join(dir, 'output'), '')
    const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', 'step.sh'], {
      cwd: dir,
      env: {
        PATH: `${dir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
        GITHUB_OUTPUT: join(dir, 'output'),
        RUN_ATTEMPT: String(runAttempt),
        REPO: 'octo-org/orders',
        RUN_ID: '4242'
      },
      encoding: 'utf8'
    })
    expect(ran.stderr).toBe('')
    const line = readFileSync(join(dir, 'output'), 'utf8').trim()
    expect(line).toMatch(/^artifacts=/)
    return JSON.parse(line.slice('artifacts='.length)) as string[]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (jqMissing) {
  describe('publish-comment.yml find step', () => {
    it('did not run: jq is not installed', () => {
      process.stderr.write('publish-comment.yml find step did not run: jq is not installed\n')
      // CI installs jq (.ci/run) and sets PYRAMID_REQUIRE_TOOLS=1: there, a missing jq fails.
      expect(process.env.PYRAMID_REQUIRE_TOOLS).not.toBe('1')
    })
  })
} else {
  describe('publish-comment.yml find step', () => {
    it('picks per instance the newest attempt up to the completed one, and the one-step artifact', () => {
      const names = [
        'pyramid-comment',
        'pyramid-comment_api_attempt-1',
        'pyramid-comment_api_attempt-2',
        'pyramid-comment_api_attempt-3',
        'pyramid-comment_web_attempt-1',
        'pyramid-report',
        'pyramid-comment-lookalike'
      ]
      expect(find(names, 2)).toEqual([
        'pyramid-comment',
        'pyramid-comment_api_attempt-2',
        'pyramid-comment_web_attempt-1'
      ])
      expect(find(names, 3)).toContain('pyramid-comment_api_attempt-3')
    })

    it('finds nothing to publish when the run uploaded no comment data', () => {
      expect(find(['pyramid-report'], 1)).toEqual([])
    })
  })
}
