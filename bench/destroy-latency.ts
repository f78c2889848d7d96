/**
 * Destroy latency: the time from the simulator reaching DELETE_COMPLETE to the waiter returning, for our
 * destroy (src/app/e2e/destroy.ts), the SDK's waitUntilStackDeleteComplete and the AWS CLI's
 * `aws cloudformation wait stack-delete-complete --endpoint-url`, against one CloudFormation simulator in
 * one run. Deletes take a random 2–8 s so the samples fall at every point of each poll cycle. All samples
 * run concurrently (the SDK and CLI wait 30 s between checks). Median of BENCH_SAMPLES (10) each.
 * Run: npx tsx bench/destroy-latency.ts
 */
import { spawn } from 'node:child_process'
import {
  CloudFormationClient,
  DeleteStackCommand,
  waitUntilStackDeleteComplete
} from '@aws-sdk/client-cloudformation'
import { createAwsClients } from '../src/adapters/aws/clients.js'
import { systemClock } from '../src/adapters/clock.js'
import { destroyStack } from '../src/app/e2e/destroy.js'
import type { Log } from '../src/app/ports.js'
import { startSimulator, type Simulator } from '../test/stand-ins/cloudformation/server.js'

const TEMPLATE = { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }
const TAGS = { 'pyramid:ephemeral': 'true', 'pyramid:repository': 'bench/bench', 'pyramid:run-id': '1' }
const quiet: Log = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  mask: () => undefined,
  group: (_n, fn) => fn()
}

type Waiter = 'ours' | 'sdk' | 'cli'

async function sample(sim: Simulator, waiter: Waiter, i: number): Promise<number> {
  const name = `bench-${waiter}-${i}`
  sim.behave(name, { deleteMs: 2000 + Math.random() * 6000 })
  const stack = await sim.seed(name, TEMPLATE, TAGS)
  if (waiter === 'ours') {
    const aws = await createAwsClients({ region: 'us-east-1', endpointUrl: sim.url })
    const r = await destroyStack(
      { cfn: aws.cloudFormation, clock: systemClock, log: quiet },
      { name, stackId: stack.id },
      {
        forceDelete: false,
        timeoutMs: 300_000,
        owner: { repository: 'bench/bench', runId: '1' }
      }
    )
    if (!r.confirmed) throw new Error(`bench: our destroy of ${name} failed: ${r.failure}`)
  } else if (waiter === 'sdk') {
    const client = new CloudFormationClient({ region: 'us-east-1', endpoint: sim.url })
    await client.send(new DeleteStackCommand({ StackName: stack.id }))
    await waitUntilStackDeleteComplete({ client, maxWaitTime: 600 }, { StackName: stack.id })
  } else {
    sim.model.deleteStack(stack.id, undefined, false)
    await run('aws', [
      'cloudformation',
      'wait',
      'stack-delete-complete',
      '--stack-name',
      stack.id,
      '--endpoint-url',
      sim.url,
      '--region',
      'us-east-1'
    ])
  }
  const returned = Date.now()
  if (stack.deletedAt === undefined) throw new Error(`bench: ${waiter} returned before ${name} was deleted`)
  return returned - stack.deletedAt
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`))
    )
  })
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2
}

export async function measure(
  samples = Number(process.env.BENCH_SAMPLES ?? 10)
): Promise<Record<Waiter, number[]>> {
  process.env.AWS_ACCESS_KEY_ID ??= 'bench'
  process.env.AWS_SECRET_ACCESS_KEY ??= 'bench'
  const sim = await startSimulator({ createMs: 10 })
  try {
    const waiters: Waiter[] = ['ours', 'sdk', 'cli']
    const results = await Promise.all(
      waiters.map((w) => Promise.all(Array.from({ length: samples }, (_, i) => sample(sim, w, i))))
    )
    const out = Object.fromEntries(waiters.map((w, i) => [w, results[i] ?? []])) as Record<Waiter, number[]>
    console.log('DELETE_COMPLETE → waiter returned (ms), simulator on loopback, deletes of 2–8 s')
    for (const w of waiters) {
      const xs = out[w]
      console.log(
        `${w.padEnd(5)} median ${median(xs).toFixed(0).padStart(6)}  min ${Math.min(...xs)
          .toFixed(0)
          .padStart(6)}  max ${Math.max(...xs)
          .toFixed(0)
          .padStart(6)}  n=${xs.length}`
      )
    }
    return out
  } finally {
    await sim.close()
  }
}

export async function main(): Promise<void> {
  await measure()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
