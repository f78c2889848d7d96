/**
 * The bundled action (dist/main, dist/post) run as a real process under a simulated runner: the unit
 * tier runs real jest, retries only the failed tests, and reports through outputs, summary, annotations
 * and the CTRF file.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { newJob, runStep } from '../harness/simulated-runner.js'
import { writeJestWorkspace, writeVitestWorkspace } from './workspace-fixture.js'

const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
const base = { tiers: 'unit', comment: 'never', history: 'off' }

describe('action: unit tier end to end', () => {
  it('runs jest, retries only the failed tests, names the flaky one and fails on the real failure', async () => {
    const job = newJob({ event: 'push', payload: pushToMain })
    const testFile = writeJestWorkspace(job.workspace, { failing: true, flaky: true })
    const main = await runStep(job, 'main', { inputs: { ...base, retries: '1' } })

    expect(main.exitCode).toBe(1)
    expect(main.outputs).toMatchObject({
      tiers: 'unit',
      result: 'failure',
      tests: '3',
      passed: '2',
      failed: '1',
      flaky: '1'
    })
    expect(Number(main.outputs['flaky-rate'])).toBeCloseTo(1 / 3, 3)
    // Attempt 2 re-ran only the failed tests of the failed file.
    expect(main.stdout).toMatch(/attempt 2: .*--testNamePattern/)
    const errors = main.annotations.filter((a) => a.kind === 'error' && a.props.file)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.props.file).toBe(path.relative(job.workspace, testFile))
    expect(Number(errors[0]!.props.line)).toBeGreaterThan(0)
    expect(errors[0]!.props.title).toContain('rejects an empty order')
    expect(errors[0]!.message).toMatch(/toEqual/)
    expect(main.summary).toContain('reads the clock')
    expect(main.summary).toMatch(/flaky/i)
    const ctrfPath = path.resolve(job.workspace, main.outputs.report!)
    expect(existsSync(ctrfPath)).toBe(true)
    const ctrf = JSON.parse(readFileSync(ctrfPath, 'utf8'))
    expect(ctrf.results.summary).toMatchObject({ tests: 3, failed: 1 })
  })

  it('re-runs only the failed vitest test (file filter and -t) and reports it flaky', async () => {
    const job = newJob({ event: 'push', payload: pushToMain })
    writeVitestWorkspace(job.workspace)
    const main = await runStep(job, 'main', { inputs: { ...base, retries: '1' } })
    expect(main.stdout).toMatch(
      /attempt 2: npm run test:unit -- test\/orders\.test\.js -t '\(\^\| \)\(reads\\s\+the\\s\+clock\)\$'/
    )
    expect(main.outputs).toMatchObject({ result: 'success', tests: '3', flaky: '1', failed: '0' })
    expect(main.exitCode).toBe(0)
  })

  it('passes a tier whose only failure was flaky, and fails it with fail-on-flaky', async () => {
    const job = newJob({ event: 'push', payload: pushToMain })
    writeJestWorkspace(job.workspace, { flaky: true })
    const lenient = await runStep(job, 'main', { inputs: { ...base, retries: '2' } })
    expect(lenient.exitCode).toBe(0)
    expect(lenient.outputs).toMatchObject({ result: 'success', flaky: '1', failed: '0' })
    const strict = await runStep(job, 'main', { inputs: { ...base, retries: '2', 'fail-on-flaky': 'true' } })
    expect(strict.exitCode).toBe(1)
    expect(strict.outputs.result).toBe('failure')
  })

  it('falls back to the exit code when the command writes no report, and says so', async () => {
    const job = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(job, 'main', {
      inputs: { ...base, 'unit-command': 'echo no tests here; exit 3', retries: '0' }
    })
    expect(main.exitCode).toBe(1)
    expect(main.outputs).toMatchObject({ result: 'failure', tests: '0' })
    expect(main.summary).toMatch(/no test report found/)
  })

  it('stops with one message naming the input, the value and what is accepted', async () => {
    const job = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(job, 'main', { inputs: { ...base, retries: 'lots', tiers: 'unit,smoke' } })
    expect(main.exitCode).toBe(1)
    const failure = main.annotations.find((a) => a.kind === 'error')
    expect(failure?.message).toMatch(/retries/)
    expect(failure?.message).toMatch(/lots/)
    expect(failure?.message).toMatch(/smoke/)
  })

  it('passes SIGINT on to the tier command and reports the run as cancelled', async () => {
    const job = newJob({ event: 'push', payload: pushToMain })
    const main = await runStep(job, 'main', {
      inputs: { ...base, 'unit-command': 'echo started; sleep 60', retries: '0' },
      // A main that did not pass SIGINT on would wait out the 60 s sleep and be killed here (exit null).
      timeoutMs: 50_000,
      onSpawn: (child) => {
        child.stdout?.on('data', (d: Buffer) => {
          if (d.toString().includes('started')) child.kill('SIGINT')
        })
      }
    })
    expect(main.outputs.result).toBe('cancelled')
    expect(main.exitCode).toBe(1)
  })
})
