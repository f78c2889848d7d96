/**
 * Chaos over overlapped phases: the bundled action runs the whole pyramid (unit, integration with
 * LocalStack through the docker stand-in, e2e through deploy-command against the CloudFormation
 * simulator) with prepare eager or auto, and is stopped — the runner's cancel or a SIGKILL of the tree,
 * after a seeded extra wait — in each phase in turn: while LocalStack is being started as unit runs, while
 * its gateway comes up, while the e2e stacks are deployed ahead (eager), once they are deployed and unit
 * still runs, during integration, during e2e or its destroy. Then dist/post runs with the saved state.
 * After every run: no live stack and no container of the run.
 *
 * The moments are reached by the test, not by timing: the unit command ends and LocalStack's gateway
 * binds only when the test opens their gate files, so each targeted phase is really running when the
 * stop is sent, however loaded the machine is. The seed is printed; PYRAMID_CHAOS_SEED=<seed> replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { createStandIns, freePort, type StandIns } from '../stand-ins/docker/harness.js'
import { STAND_IN } from '../e2e-tier/helpers.js'
import { seededRandom, seedFrom } from '../fakes/random.js'
import { stopStep, type StopMode } from '../harness/runner-cancel.js'
import { newJob, REPO_ROOT, runStep } from '../harness/simulated-runner.js'

const RUNS = Number(process.env.CHAOS_RUNS ?? 50)
const SEED = seedFrom('PYRAMID_CHAOS_SEED')
const GATE = path.join(REPO_ROOT, 'test', 'action', 'gate-command.mjs')
const pushToMain = {
  ref: 'refs/heads/main',
  deleted: false,
  repository: { full_name: 'octo-org/orders', default_branch: 'main' }
}
const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }

/**
 * Where a stop is aimed, in turn (so every phase is hit however the seed falls); the deploy-ahead moments
 * exist only with prepare: eager. The seeded source picks the extra wait and the kind of stop.
 */
const TARGETS = {
  eager: [
    'deploying-ahead',
    'localstack-starting',
    'deployed-ahead',
    'localstack-coming-up',
    'integration',
    'e2e',
    'later'
  ],
  auto: ['localstack-starting', 'localstack-coming-up', 'integration', 'e2e', 'later']
} as const
type Target = (typeof TARGETS)[keyof typeof TARGETS][number]
type Prepare = keyof typeof TARGETS

let sim: Simulator
let standIns: StandIns
beforeAll(async () => {
  sim = await startSimulator({ createMs: 600, deleteMs: 400 })
  standIns = await createStandIns()
})
afterAll(async () => {
  await sim.close()
  await standIns.cleanup()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Run {
  runId: number
  prepare: Prepare
  target?: Target
  mode: StopMode
  /** Extra wait once the target moment is reached, 0–200 ms. */
  extraMs: number
}

function inputs(run: Run, port: number, unitGate: string) {
  return {
    tiers: 'unit,integration,e2e',
    prepare: run.prepare,
    'unit-command': `node ${GATE} ${unitGate} unit`,
    'integration-command': 'echo integration-started && sleep 0.3',
    'localstack-endpoint': `http://127.0.0.1:${port}`,
    'localstack-timeout-seconds': '60',
    'deploy-command': `node ${STAND_IN} deploy-command`,
    'stack-names': 'api,db',
    'aws-endpoint-url': sim.url,
    'aws-region': 'us-east-1',
    'e2e-command': `echo e2e-running-${run.runId}; sleep 0.3`,
    comment: 'never',
    history: 'off',
    retries: '0'
  }
}

/** One run: main driven through its phases by the gates and stopped at the target; then post. */
async function chaosRun(run: Run) {
  const port = await freePort()
  const job = newJob({
    event: 'push',
    payload: pushToMain,
    env: { ...credentials, GITHUB_RUN_ID: String(run.runId) }
  })
  const lsGate = path.join(job.dir, 'localstack-gate')
  const unitGate = path.join(job.dir, 'unit-gate')
  const env = standIns.env({ LOCALSTACK_STANDIN_GATE: lsGate }) as Record<string, string>
  const stacks = () => sim.model.stacks.filter((s) => s.name.startsWith(`pyr-${run.runId}-`))
  const containers = () => standIns.containers().filter((c) => c.name.includes(`-${run.runId}-`))
  let stdout = ''
  let child: ChildProcess | undefined
  const running = runStep(job, 'main', {
    inputs: inputs(run, port, unitGate),
    env,
    onSpawn: (c) => {
      child = c
      c.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
    }
  })
  let ended = false
  void running.then(() => (ended = true))
  let stopped = false
  let landed = 'finished'
  const open = { ls: false, unit: false }
  const openGate = (which: 'ls' | 'unit') => {
    if (!open[which]) writeFileSync(which === 'ls' ? lsGate : unitGate, '')
    open[which] = true
  }
  const reached = (t: Target): boolean => {
    const s = stacks()
    switch (t) {
      case 'localstack-starting':
        return containers().length > 0 && !open.ls
      case 'localstack-coming-up':
        return open.ls && !open.unit
      case 'deploying-ahead':
        return s.length > 0 && !open.unit
      case 'deployed-ahead':
        return s.length === 2 && s.every((x) => x.status === 'CREATE_COMPLETE') && !open.unit
      case 'integration':
        return stdout.includes('integration-started')
      case 'e2e':
        return stdout.includes(`e2e-running-${run.runId}`)
      case 'later':
        return open.unit
    }
  }
  /** What was running when the stop was sent, from what the stand-ins hold. */
  const whatRuns = () => {
    const s = stacks()
    const tier = !open.unit ? 'unit' : stdout.includes('e2e-running') ? 'e2e' : 'after-unit'
    const ls = containers().length === 0 ? 'none' : open.ls ? 'up' : 'starting'
    const st = s.length === 0 ? 'none' : [...new Set(s.map((x) => x.status))].join('/')
    return `${tier} | localstack ${ls} | stacks ${st}`
  }
  while (!ended) {
    if (run.target && !stopped && reached(run.target)) {
      stopped = true
      await sleep(run.extraMs)
      if (!ended) {
        landed = whatRuns()
        await stopStep(child!, running, run.mode, { term: 750, kill: 250 })
      }
    }
    // The gates open in pyramid order, each once the phase the target waits for has been reached.
    const holdLs = run.target === 'localstack-starting' && !stopped
    if (containers().length > 0 && !holdLs) openGate('ls')
    const ahead =
      run.prepare === 'auto' || stacks().filter((x) => x.status === 'CREATE_COMPLETE').length === 2
    const holdUnit =
      !stopped && ['localstack-coming-up', 'deploying-ahead', 'deployed-ahead'].includes(run.target ?? '')
    if (open.ls && ahead && !holdUnit) openGate('unit')
    await sleep(10)
  }
  const main = await running
  openGate('ls')
  openGate('unit')
  const post = await runStep(job, 'post', { inputs: inputs(run, port, unitGate), env })
  return {
    main,
    post,
    landed,
    live: sim.model.live().filter((s) => stacks().includes(s)),
    left: containers()
  }
}

describe('chaos over overlapped phases: the bundled main stopped while higher tiers get ready', () => {
  it.each(['eager', 'auto'] as const)(
    'a calm run with prepare: %s passes and leaves nothing',
    async (prepare) => {
      const r = await chaosRun({
        runId: prepare === 'eager' ? 7001 : 7002,
        prepare,
        mode: 'kill',
        extraMs: 0
      })
      expect({ exit: r.main.exitCode, result: r.main.outputs.result }).toEqual({ exit: 0, result: 'success' })
      expect(r.main.stdout).toContain('integration-started')
      expect(r.live).toEqual([])
      expect(r.left).toEqual([])
    },
    120_000
  )

  it(`leaves zero stacks and zero containers in ${RUNS} runs`, async () => {
    const random = seededRandom(SEED)
    const landed: Record<string, number> = {}
    const leaks: string[] = []
    for (let i = 1; i <= RUNS; i++) {
      const prepare: Prepare = i % 2 === 1 ? 'eager' : 'auto'
      const targets = TARGETS[prepare]
      const run: Run = {
        runId: 7100 + i,
        prepare,
        target: targets[Math.floor((i - 1) / 2) % targets.length]!,
        mode: random() < 0.5 ? 'kill' : 'cancel',
        extraMs: Math.floor(random() * 200)
      }
      const r = await chaosRun(run)
      const key = `${run.prepare} ${run.mode} @ ${r.landed}`
      landed[key] = (landed[key] ?? 0) + 1
      if (r.live.length > 0 || r.left.length > 0 || r.post.exitCode !== 0) {
        leaks.push(
          `run ${i} (${JSON.stringify(run)}, landed ${r.landed}): post exit ${r.post.exitCode}, ` +
            `stacks ${r.live.map((s) => `${s.name}:${s.status}`).join(', ')}, containers ${r.left.map((c) => c.name).join(', ')}\n${r.post.stdout}`
        )
        for (const s of r.live) sim.model.deleteStack(s.id, undefined, false)
      }
    }
    console.log(
      `chaos over overlapped phases: seed ${SEED}, ${RUNS} runs, leaks ${leaks.length}, stops landed ${JSON.stringify(landed, null, 1)}`
    )
    expect(leaks).toEqual([])
    // The stops really hit overlapped work: unit running while LocalStack started or stacks were deployed.
    const overlapped = Object.entries(landed)
      .filter(([k]) => /@ unit \| (localstack (starting|up)|.*stacks (?!none))/.test(k))
      .reduce((n, [, c]) => n + c, 0)
    expect(overlapped).toBeGreaterThanOrEqual(Math.floor(RUNS / 3))
    expect(
      Object.keys(landed).some((k) => /^eager .*@ unit \|.*stacks CREATE_(IN_PROGRESS|COMPLETE)/.test(k))
    ).toBe(true)
  }, 1_500_000)
})
