/**
 * Chaos: the e2e tier's main process (test/e2e-tier/driver/e2e-driver.ts; the seam is `commands` below,
 * to be pointed at dist/main + dist/post) is killed at random moments across deploy / test / destroy,
 * then post runs over the same state file. After every run the simulator must hold zero live stacks.
 * Kill modes alternate: the runner's cancel schedule (SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after
 * that) compressed 10× to 750 ms / 250 ms so a kill still lands mid-destroy, and a plain SIGKILL. Kills
 * hit the whole process tree (as the runner's final kill does), so no orphaned deploy outlives main.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../stand-ins/cloudformation/server.js'
import { fakeCredentials, ROOT } from './helpers.js'

const RUNS = Number(process.env.CHAOS_RUNS ?? 50)
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')
const DRIVER = path.join(ROOT, 'test/e2e-tier/driver/e2e-driver.ts')
const commands = { main: [TSX, DRIVER, 'main'], post: [TSX, DRIVER, 'post'] }

let sim: Simulator
let work: string
beforeAll(async () => {
  sim = await startSimulator({ createMs: 600, deleteMs: 400 })
  work = mkdtempSync(path.join(os.tmpdir(), 'e2e-chaos-'))
})
afterAll(async () => {
  await sim.close()
  rmSync(work, { recursive: true, force: true })
})

interface Proc {
  child: ChildProcess
  output: string[]
  exited: Promise<number | null>
}

function start(cmd: string[], stateFile: string): Proc {
  const [bin, ...args] = cmd as [string, ...string[]]
  const child = spawn(bin, args, {
    cwd: ROOT,
    env: { ...process.env, ...fakeCredentials(), SIM_URL: sim.url, STATE_FILE: stateFile, WORK_DIR: work },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const output: string[] = []
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, output, exited }
}

/** The process and all its descendants (ps), children first collected before the signal. */
function tree(pid: number): number[] {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
  const kids = r.stdout
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0)
  return [pid, ...kids.flatMap(tree)]
}

function killTree(pid: number): void {
  for (const p of tree(pid)) {
    try {
      process.kill(p, 'SIGKILL')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const lastPhase = (p: Proc) =>
  [...p.output.join('').matchAll(/phase: (\w+)/g)].map((m) => m[1]).pop() ?? 'start'

describe('chaos: main killed at random moments, post after each', () => {
  it(`leaves zero stacks in ${RUNS} runs`, async () => {
    // An undisturbed run sizes the window in which kills land.
    const calm = start(commands.main, path.join(work, 'state-calm'))
    const t0 = Date.now()
    expect(await calm.exited).toBe(0)
    const fullMs = Date.now() - t0
    const calmPost = start(commands.post, path.join(work, 'state-calm'))
    expect(await calmPost.exited).toBe(0)
    expect(calmPost.output.join('')).toContain('post: {}')
    expect(sim.model.live()).toHaveLength(0)

    const landed: Record<string, number> = {}
    const leaks: string[] = []
    for (let i = 0; i < RUNS; i++) {
      const stateFile = path.join(work, `state-${i}`)
      const main = start(commands.main, stateFile)
      const at = Math.random() * fullMs
      const done = await Promise.race([main.exited.then(() => true), sleep(at).then(() => false)])
      const mode = i % 2 === 0 ? 'cancel' : 'kill'
      landed[`${mode}@${done ? 'finished' : lastPhase(main)}`] =
        (landed[`${mode}@${done ? 'finished' : lastPhase(main)}`] ?? 0) + 1
      if (!done && mode === 'cancel') {
        const pid = main.child.pid ?? 0
        main.child.kill('SIGINT')
        const ended = await Promise.race([main.exited.then(() => true), sleep(750).then(() => false)])
        if (!ended) {
          main.child.kill('SIGTERM')
          if (!(await Promise.race([main.exited.then(() => true), sleep(250).then(() => false)])))
            killTree(pid)
        }
      } else if (!done) {
        killTree(main.child.pid ?? 0)
      }
      await main.exited
      const post = start(commands.post, stateFile)
      const postCode = await post.exited
      const live = sim.model.live()
      if (live.length > 0 || postCode !== 0) {
        leaks.push(
          `run ${i} (${mode} at ${Math.round(at)} ms): post exit ${postCode}, live ${live.map((s) => `${s.name}:${s.status}`).join(', ')}\n${post.output.join('')}`
        )
        for (const s of live) sim.model.deleteStack(s.id, undefined, false)
      }
    }
    console.log(
      `chaos: ${RUNS} runs, full run ${fullMs} ms, kills landed: ${JSON.stringify(landed)}, leaks: ${leaks.length}`
    )
    expect(leaks).toEqual([])
    expect(sim.model.stacks.length).toBeGreaterThanOrEqual(2 * RUNS * 0.5)
  }, 900_000)
})
