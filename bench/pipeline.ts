/**
 * The pipelined pyramid: wall time of the bundled action (dist/main under the simulated runner) running
 * unit, integration (LocalStack through the docker stand-in) and e2e (a CDK stand-in against the
 * CloudFormation simulator) with prepare off, auto and eager, against each mode's critical-path lower
 * bound. Phase durations are those of real runs (issue 12) scaled 1/20: unit 40 s, LocalStack pull +
 * start 25 s, integration 60 s, synth 20 s, deploy 150 s, e2e 60 s, destroy 60 s. Median of
 * BENCH_SAMPLES (3) runs per mode, the modes interleaved, with the load average beside them.
 * What is counted where: a measured synth or deploy includes the CDK CLI's start-up, so the CDK stand-in
 * ends each invocation its time after its process started; the CloudFormation part of the deploy
 * (CREATE_IN_PROGRESS on the simulator) is inside that time. The unit, integration and e2e commands are
 * `sleep`s (bash's start inside them), LocalStack's gateway binds its time after `docker run` created
 * the container, the destroy is the simulator's DELETE_IN_PROGRESS. What the action adds — its own start,
 * each process it starts, the npx or direct start of the CLI before the stand-in's process, each poll
 * after a state changed, the report — is in the wall and not in the bound.
 * Run: npm run bench -- pipeline
 */
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { startSimulator } from '../test/stand-ins/cloudformation/server.js'
import { createStandIns, freePort } from '../test/stand-ins/docker/harness.js'
import { newJob, REPO_ROOT, runStep } from '../test/harness/simulated-runner.js'

const SCALE = 1 / 20
const REAL_S = { unit: 40, localstack: 25, integration: 60, synth: 20, deploy: 150, e2e: 60, destroy: 60 }
const ms = Object.fromEntries(Object.entries(REAL_S).map(([k, s]) => [k, s * 1000 * SCALE])) as Record<
  keyof typeof REAL_S,
  number
>
const CDK_STAND_IN = path.join(REPO_ROOT, 'test/stand-ins/cloudformation/cdk-stand-in.mjs')
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 3)
type Prepare = 'off' | 'auto' | 'eager'

/** Each mode's lower bound: what must run one after the other, whatever the engine does. */
export function bounds(d: typeof ms): Record<Prepare, number> {
  const lower = Math.max(d.unit, d.localstack) + d.integration
  const tail = d.e2e + d.destroy
  return {
    off: d.unit + d.localstack + d.integration + d.synth + d.deploy + tail,
    auto: Math.max(lower, d.synth) + d.deploy + tail,
    eager: Math.max(lower, d.synth + d.deploy) + tail
  }
}

/** CloudFormation's CREATE_IN_PROGRESS on the simulator, inside the stand-in's deploy time. */
const CREATE_MS = 250

/** A user's workspace whose installed CDK CLI (node_modules/.bin/cdk) is the CDK stand-in. */
function workspace(dir: string): void {
  const bin = path.join(dir, 'node_modules', '.bin')
  mkdirSync(bin, { recursive: true })
  writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'stand-in' }))
  writeFileSync(path.join(bin, 'cdk'), `#!/bin/sh\nexec node ${JSON.stringify(CDK_STAND_IN)} "$@"\n`)
  chmodSync(path.join(bin, 'cdk'), 0o755)
}

async function once(prepare: Prepare, runId: number): Promise<number> {
  const sim = await startSimulator({ createMs: CREATE_MS, deleteMs: ms.destroy })
  const standIns = await createStandIns()
  try {
    const port = await freePort()
    const job = newJob({
      event: 'push',
      payload: {
        ref: 'refs/heads/main',
        repository: { full_name: 'octo-org/orders', default_branch: 'main' }
      },
      env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', GITHUB_RUN_ID: String(runId) }
    })
    workspace(job.workspace)
    const gate = path.join(job.dir, 'localstack-gate')
    // LocalStack's pull + start: its gateway binds `localstack` ms after `docker run` created the container.
    const watch = setInterval(() => {
      if (standIns.containers().length === 0) return
      clearInterval(watch)
      setTimeout(() => writeFileSync(gate, ''), ms.localstack)
    }, 5)
    const t0 = performance.now()
    const main = await runStep(job, 'main', {
      inputs: {
        tiers: 'unit,integration,e2e',
        prepare,
        'unit-command': `sleep ${ms.unit / 1000}`,
        'integration-command': `sleep ${ms.integration / 1000}`,
        'localstack-endpoint': `http://127.0.0.1:${port}`,
        'e2e-command': `sleep ${ms.e2e / 1000}`,
        'aws-endpoint-url': sim.url,
        'aws-region': 'us-east-1',
        comment: 'never',
        history: 'off',
        retries: '0'
      },
      env: {
        ...(standIns.env({ LOCALSTACK_STANDIN_GATE: gate }) as Record<string, string>),
        CDK_STANDIN_SYNTH_MS: String(ms.synth),
        CDK_STANDIN_DEPLOY_MS: String(ms.deploy)
      },
      timeoutMs: 300_000
    })
    const wall = performance.now() - t0
    if (process.env.BENCH_TIMELINE) console.log(timeline(main.summary, t0))
    clearInterval(watch)
    if (main.exitCode !== 0)
      throw new Error(`bench: prepare ${prepare} failed:\n${main.stdout}\n${main.stderr}`)
    if (sim.model.live().length > 0) throw new Error(`bench: prepare ${prepare} left stacks behind`)
    return wall
  } finally {
    await sim.close()
    await standIns.cleanup()
  }
}

/** The summary's gantt bars as `section phase start–end` in seconds from the step's start (BENCH_TIMELINE=1). */
function timeline(summary: string, t0: number): string {
  const origin = performance.timeOrigin + t0
  let section = ''
  const rows: string[] = []
  for (const line of summary.split('\n')) {
    const sec = /^\s*section (.+)$/.exec(line)
    if (sec) section = sec[1]!
    const bar = /^\s*(.+?) :(?:[a-z, ]*, )?(\d{13}), (\d{13})$/.exec(line)
    if (bar) rows.push(`${section} ${bar[1]} ${s(Number(bar[2]) - origin)}–${s(Number(bar[3]) - origin)}`)
  }
  return rows.join('\n')
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const s = (x: number) => `${(x / 1000).toFixed(2)} s`

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

export async function main(): Promise<void> {
  const walls: Record<Prepare, number[]> = { off: [], auto: [], eager: [] }
  const loads: string[] = []
  for (let i = 0; i < SAMPLES; i++) {
    for (const prepare of ['off', 'auto', 'eager'] as const) {
      walls[prepare].push(await once(prepare, 6000 + i * 3 + walls[prepare].length))
      loads.push(load())
      console.log(`${prepare} run ${i + 1}: ${s(walls[prepare].at(-1)!)}, load average ${loads.at(-1)}`)
    }
  }
  const bound = bounds(ms)
  console.log(
    `phases (real ÷ 20): ${Object.entries(ms)
      .map(([k, v]) => `${k} ${s(v)}`)
      .join(', ')}; median of ${SAMPLES}`
  )
  // Over the bound: what the action adds (its start, each process it starts, each poll, the report).
  console.log('| prepare | wall | lower bound | wall ÷ bound | over the bound | goal |')
  console.log('| :-- | --: | --: | --: | --: | :-- |')
  for (const prepare of ['off', 'auto', 'eager'] as const) {
    const w = median(walls[prepare])
    const ratio = w / bound[prepare]
    const goal = prepare === 'off' ? '—' : ratio <= 1.05 ? 'within 5 %' : 'over 5 %'
    const over = w - bound[prepare]
    console.log(
      `| ${prepare} | ${s(w)} | ${s(bound[prepare])} | ${ratio.toFixed(3)} | ${s(over)} | ${goal} |`
    )
  }
  console.log(`load average (1, 5, 15 min) after each run: ${loads.join(' | ')}; at the end ${load()}`)
  console.log(
    `eager vs off: ${(median(walls.eager) / median(walls.off)).toFixed(3)}; samples ${JSON.stringify(
      Object.fromEntries(Object.entries(walls).map(([k, v]) => [k, v.map((x) => Math.round(x))]))
    )}`
  )
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
