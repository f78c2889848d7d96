/**
 * Chaos on the bundled action: dist/main runs the e2e tier (deploy-command against the CloudFormation
 * simulator, the e2e command, destroy) and is killed at random moments; dist/post then runs with the
 * state main saved, as the runner hands it over. After every run the simulator must hold no live stack.
 *
 * A moment is a phase of main (start, deploy, test, destroy: seen in its output) and a delay after the
 * phase began, so the same choice lands in the same place however loaded the machine is. Choices come
 * from a seeded source: the seed is printed, and PYRAMID_CHAOS_SEED=<seed> makes the same choices again.
 * Kill modes: the runner's cancel (SIGINT, SIGTERM 7.5 s later, SIGKILL of the process tree 2.5 s after
 * that), compressed 10× to 750 ms / 250 ms so 50 runs fit in CI time, and a plain SIGKILL of the tree.
 * One run on the real schedule checks that main itself confirms the destroy and writes its summary.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { STAND_IN } from '../e2e-tier/helpers.js'
import { killTree } from '../harness/runner-cancel.js'
import { newJob, runStep, type StepResult } from '../harness/simulated-runner.js'
import { seededRandom, seedFrom } from '../fakes/random.js'

const RUNS = Number(process.env.CHAOS_RUNS ?? 50)
const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ createMs: 600, deleteMs: 400 })
})
afterAll(async () => {
  await sim.close()
})

function inputs(runId: number) {
  return {
    tiers: 'e2e',
    'deploy-command': `node ${STAND_IN} deploy-command`,
    'stack-names': 'api,db',
    'aws-endpoint-url': sim.url,
    'aws-region': 'us-east-1',
    'e2e-command': `echo e2e-running-${runId}; sleep 0.5`,
    comment: 'never',
    history: 'off',
    retries: '0'
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const PHASES = ['start', 'deploy', 'test', 'destroy'] as const
type Phase = (typeof PHASES)[number]
/** What main prints as each phase begins ('start': its first output). */
const PHASE_MARK: Record<Phase, string> = {
  start: '',
  deploy: '::group::Deploying',
  test: '::group::e2e tier',
  destroy: 'Destroying'
}

function phaseOf(stdout: string): Phase {
  return [...PHASES].reverse().find((p) => stdout.includes(PHASE_MARK[p])) ?? 'start'
}

interface Moment {
  phase: Phase
  /** After the phase began. */
  delayMs: number
  mode: 'cancel' | 'kill'
}

/** Runs main and interrupts it at the moment (if any), the runner's way; resolves when it ended. */
async function interruptedMain(
  runId: number,
  at: Moment | undefined,
  schedule = { term: 750, kill: 250 }
): Promise<{ job: ReturnType<typeof newJob>; main: StepResult; phase: Phase | 'finished' }> {
  const job = newJob({
    event: 'push',
    payload: pushToMain,
    env: { ...credentials, GITHUB_RUN_ID: String(9000 + runId) }
  })
  let stdout = ''
  let phase: Phase | 'finished' = 'finished'
  let child: ChildProcess | undefined
  let reached: () => void = () => undefined
  const phaseBegan = new Promise<void>((resolve) => (reached = resolve))
  const running = runStep(job, 'main', {
    inputs: inputs(runId),
    onSpawn: (c) => {
      child = c
      c.stdout?.on('data', (d: Buffer) => {
        stdout += d.toString()
        if (at && stdout.includes(PHASE_MARK[at.phase])) reached()
      })
    }
  })
  const ended = () => !child || child.exitCode !== null || child.signalCode !== null
  const interrupt = phaseBegan.then(() => sleep(at?.delayMs ?? 0)).then(() => false)
  const finishedFirst = await Promise.race([running.then(() => true), interrupt])
  if (at && !finishedFirst && !ended()) {
    phase = phaseOf(stdout)
    const pid = child!.pid!
    if (at.mode === 'kill') killTree(pid)
    else {
      child!.kill('SIGINT')
      await Promise.race([running, sleep(schedule.term)])
      if (!ended()) {
        child!.kill('SIGTERM')
        await Promise.race([running, sleep(schedule.kill)])
        if (!ended()) killTree(pid)
      }
    }
  }
  const main = await running
  return { job, main, phase }
}

describe('chaos: the bundled main killed at random moments, post after each', () => {
  it(`leaves zero stacks in ${RUNS} runs`, async () => {
    const seed = seedFrom('PYRAMID_CHAOS_SEED')
    const again = `re-run with PYRAMID_CHAOS_SEED=${seed}`
    console.log(`chaos seed ${seed} (${again} npm run test:process -- e2e-chaos)`)
    const random = seededRandom(seed)
    const calm = await interruptedMain(0, undefined)
    expect(calm.main.exitCode).toBe(0)
    expect(sim.model.live()).toHaveLength(0)

    const landed: Record<string, number> = {}
    const leaks: string[] = []
    const undeployed: string[] = []
    for (let i = 1; i <= RUNS; i++) {
      const at: Moment = {
        phase: PHASES[Math.floor(random() * PHASES.length)]!,
        delayMs: Math.round(random() * 500),
        mode: random() < 0.5 ? 'cancel' : 'kill'
      }
      const { job, phase } = await interruptedMain(i, at)
      landed[`${at.mode}@${phase}`] = (landed[`${at.mode}@${phase}`] ?? 0) + 1
      const post = await runStep(job, 'post', { inputs: inputs(i), env: credentials })
      const live = sim.model.live()
      const what = `run ${i} (${at.mode} ${at.delayMs} ms into ${at.phase}, landed in ${phase}; ${again})`
      if (live.length > 0 || post.exitCode !== 0) {
        leaks.push(
          `${what}: post exit ${post.exitCode}, live ${live.map((s) => `${s.name}:${s.status}`).join(', ')}\n${post.stdout}`
        )
        for (const s of live) sim.model.deleteStack(s.id, undefined, false)
      }
      // A kill in the test or destroy phase came after the deploy: the run's stacks must have existed.
      const created = sim.model.stacks.some((s) => s.name.includes(`-${9000 + i}-`))
      if ((phase === 'test' || phase === 'destroy') && !created) undeployed.push(what)
    }
    console.log(
      `chaos (bundled action): ${RUNS} runs, kills landed ${JSON.stringify(landed)}, leaks ${leaks.length}`
    )
    expect(leaks).toEqual([])
    expect(undeployed).toEqual([])
  }, 900_000)

  it('on the runner’s real cancel schedule, main itself confirms the destroy and reports it', async () => {
    const job = newJob({ event: 'push', payload: pushToMain, env: { ...credentials, GITHUB_RUN_ID: '8999' } })
    let sent = 0
    const main = await runStep(job, 'main', {
      inputs: { ...inputs(8999), 'e2e-command': 'echo e2e-running; sleep 30' },
      onSpawn: (c) =>
        c.stdout?.on('data', (d: Buffer) => {
          if (d.toString().includes('e2e-running') && sent++ === 0) {
            c.kill('SIGINT')
            setTimeout(() => c.kill('SIGTERM'), 7500).unref()
          }
        })
    })
    expect(main.outputs.result).toBe('cancelled')
    expect(main.summary).toMatch(/DELETE_COMPLETE/)
    expect(main.state['stacks-destroyed']).toBe('true')
    expect(sim.model.live()).toHaveLength(0)
    const post = await runStep(job, 'post', { inputs: inputs(8999), env: credentials })
    expect(post.exitCode).toBe(0)
  }, 60_000)
})
