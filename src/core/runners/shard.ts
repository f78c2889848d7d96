/**
 * Splitting a tier over parallel jobs (the reusable workflow's unit matrix sets PYRAMID_SHARD=i/n): each
 * runner gets its own flag — `--shard=i/n` for jest, vitest and Playwright, `--test-shard=i/n` for
 * node:test. pytest, go test and mocha have no built-in one: rather than pass a flag they reject, shard 1
 * runs every test and the other shards skip the tier, saying why. A command whose runner is not known is
 * left as it is (it can read PYRAMID_SHARD itself). Pure.
 */
import { RUNNER_LABELS, type TestRunner } from './detect-runner.js'

export interface Shard {
  index: number
  total: number
}

export type ShardPlan =
  | { kind: 'args'; args: string[]; envAppend: Record<string, string> }
  | { kind: 'all-in-first'; skip: boolean; why: string }

/** "2/3" → { index: 2, total: 3 }; undefined for anything else (or 1/1, which is no sharding). */
export function parseShard(value: string | undefined): Shard | undefined {
  const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(value ?? '')
  if (!m) return undefined
  const index = Number(m[1])
  const total = Number(m[2])
  return index >= 1 && index <= total && total > 1 ? { index, total } : undefined
}

export function shardPlan(runner: TestRunner, shard: Shard): ShardPlan {
  const value = `${shard.index}/${shard.total}`
  switch (runner) {
    case 'jest':
    case 'vitest':
    case 'playwright':
      return { kind: 'args', args: [`--shard=${value}`], envAppend: {} }
    case 'node:test':
      return { kind: 'args', args: [], envAppend: { NODE_OPTIONS: `--test-shard=${value}` } }
    case 'pytest':
    case 'go':
    case 'mocha': {
      const why = `${RUNNER_LABELS[runner]} has no built-in sharding flag: shard 1/${shard.total} runs every test`
      return {
        kind: 'all-in-first',
        skip: shard.index > 1,
        why: shard.index > 1 ? `${why}, this one (${value}) runs none` : why
      }
    }
  }
}
