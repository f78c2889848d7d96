/**
 * Bench (a): the bundled action's start-up in `mode: plan` against bare `node -e 0`, medians of
 * interleaved runs. Goal: under 150 ms of overhead. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' })
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`)
  return Number(process.hrtime.bigint() - t0) / 1e6
}

export async function main(runs = 21): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyr-bench-startup-'))
  const event = path.join(dir, 'event.json')
  writeFileSync(
    event,
    JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'o/r', default_branch: 'main' } })
  )
  for (const f of ['out', 'state', 'summary']) writeFileSync(path.join(dir, f), '')
  const env = {
    PATH: process.env.PATH,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_OUTPUT: path.join(dir, 'out'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    INPUT_MODE: 'plan'
  }
  const bare: number[] = []
  const plan: number[] = []
  timeRun([path.join(root, 'dist/main/index.js')], env) // warm the file cache
  for (let i = 0; i < runs; i++) {
    bare.push(timeRun(['-e', '0'], env))
    plan.push(timeRun([path.join(root, 'dist/main/index.js')], env))
  }
  const b = median(bare)
  const p = median(plan)
  console.log(`startup (median of ${runs} interleaved runs)`)
  console.log(`  node -e 0                  ${b.toFixed(1)} ms`)
  console.log(`  dist/main, mode: plan      ${p.toFixed(1)} ms`)
  console.log(
    `  overhead                   ${(p - b).toFixed(1)} ms   (goal < 150 ms; ratio ${(p / b).toFixed(2)}×)`
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main()
