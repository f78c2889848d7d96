/** The bundled CLI (dist/cli) as a developer runs it: flags, the terminal summary, the files it writes. */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../harness/simulated-runner.js'
import { writeJestWorkspace } from '../action/workspace-fixture.js'

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli/index.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, NO_COLOR: '1', ...env },
    timeout: 120_000
  })
  return { code: r.status, out: r.stdout + r.stderr }
}

describe('serverless-test-pyramid CLI', () => {
  it('plans a pull request like the action would, without running anything', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'))
    const r = cli(['plan', '--event', 'pull_request'], dir)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/unit/)
    expect(r.out).toMatch(/integration/)
    expect(r.out).toMatch(/e2e runs only on pushes to the default branch/)
  })

  it('runs the unit tier, prints the summary, writes the CTRF report and the markdown, and exits 1 on a failure', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'))
    writeJestWorkspace(dir, { failing: true, flaky: true })
    const r = cli(['run', '--tiers', 'unit', '--retries', '1', '--history', 'off'], dir)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/Serverless test pyramid: failed/)
    expect(r.out).toMatch(/rejects an empty order/)
    expect(r.out).toMatch(/attempt 1 \(run 1\) → ✓ attempt 2 \(run 2\)/)
    const ctrf = JSON.parse(readFileSync(path.join(dir, 'pyramid-report.json'), 'utf8'))
    expect(ctrf.results.summary).toMatchObject({ tests: 3, failed: 1, flaky: 1 })
    expect(readFileSync(path.join(dir, '.pyramid', 'summary.md'), 'utf8')).toMatch(/reads the clock/)
  })

  it('exits 0 when everything passes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'))
    writeJestWorkspace(dir)
    const r = cli(['run', '--tiers', 'unit'], dir)
    expect(r.code).toBe(0)
    expect(existsSync(path.join(dir, 'pyramid-report.json'))).toBe(true)
  })

  it('answers a wrong flag with usage (exit 2) and a bad value with the input error (exit 1)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'))
    const flag = cli(['run', '--tier', 'unit'], dir)
    expect(flag.code).toBe(2)
    expect(flag.out).toMatch(/unknown flag --tier/)
    const value = cli(['run', '--tiers', 'unit,smoke'], dir)
    expect(value.code).toBe(1)
    expect(value.out).toMatch(/tiers/)
    expect(value.out).toMatch(/smoke/)
  })

  it("takes the default branch from origin/HEAD, then git's init.defaultBranch, and says which", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'))
    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' })
    git('init', '-q', '-b', 'master')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'x')
    git('config', 'init.defaultBranch', 'trunk')
    const fromInit = cli(['plan', '--event', 'push'], dir)
    expect(fromInit.out).toMatch(/default branch: trunk \(git config init\.defaultBranch\)/)
    expect(fromInit.out).toMatch(/e2e runs only on pushes to the default branch/)
    git('update-ref', 'refs/remotes/origin/master', 'HEAD')
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/master')
    const fromRemote = cli(['plan', '--event', 'push'], dir)
    expect(fromRemote.out).toMatch(/default branch: master \(refs\/remotes\/origin\/HEAD\)/)
    expect(fromRemote.out).not.toMatch(/e2e runs only on pushes to the default branch/)
    expect(cli(['plan', '--event', 'push', '--default-branch', 'develop'], dir).out).toMatch(
      /default branch: develop \(--default-branch\)/
    )
  })

  it('refuses a working-directory that does not exist before anything runs, and creates nothing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'))
    writeJestWorkspace(dir)
    const r = cli(['run', '--tiers', 'unit', '--working-directory', 'nope/missing'], dir)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(
      /working-directory: "nope\/missing" is not an existing folder .*nothing was created/
    )
    expect(existsSync(path.join(dir, 'nope'))).toBe(false)
    expect(r.out).not.toMatch(/attempt 1/)
  })

  it('refuses a cdk-app-dir that does not exist when e2e is planned, before anything runs', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'))
    writeJestWorkspace(dir)
    const r = cli(['run', '--tiers', 'unit,e2e', '--cdk-app-dir', 'infra/missing'], dir)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/cdk-app-dir: "infra\/missing" is not an existing folder .*nothing was created/)
    expect(existsSync(path.join(dir, 'infra'))).toBe(false)
    expect(r.out).not.toMatch(/attempt 1/)
  })
})
