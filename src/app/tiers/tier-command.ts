/**
 * What the tier runner knows about its command before it runs: the test runner it starts (core's
 * detection over the working directory's package.json scripts), the runner's reporter configuration
 * (so auto-report never replaces the user's own reporters), and this job's shard (PYRAMID_SHARD, set by
 * the reusable workflow's unit matrix).
 */
import path from 'node:path'
import { REPORTER_CONFIG } from '../../core/runners/auto-report.js'
import { detectRunner, type RunnerInvocation, type TestRunner } from '../../core/runners/detect-runner.js'
import { parseShard, shardPlan, type ShardPlan } from '../../core/runners/shard.js'
import type { Workspace } from '../ports.js'

export interface TierCommand {
  command: string
  invocation: RunnerInvocation | undefined
  configText: string
  shard: ShardPlan | undefined
}

export async function tierCommand(
  workspace: Workspace,
  command: string,
  workingDirectory: string,
  env: Readonly<Record<string, string | undefined>>
): Promise<TierCommand> {
  const invocation = detectRunner(command, await workspace.packageScripts(workingDirectory))
  const shard = parseShard(env.PYRAMID_SHARD)
  return {
    command,
    invocation,
    configText: invocation ? await reporterConfig(workspace, workingDirectory, invocation.runner) : '',
    shard: invocation && shard ? shardPlan(invocation.runner, shard) : undefined
  }
}

async function reporterConfig(workspace: Workspace, dir: string, runner: TestRunner): Promise<string> {
  const { files, packageKey } = REPORTER_CONFIG[runner]
  const texts: string[] = []
  for (const f of files) {
    const text = await workspace.readText(path.join(dir, f))
    if (text !== undefined) texts.push(text)
  }
  if (packageKey !== undefined) {
    const pkg = await workspace.readText(path.join(dir, 'package.json'))
    const section = pkg === undefined ? undefined : packageSection(pkg, packageKey)
    if (section !== undefined) texts.push(section)
  }
  return texts.join('\n')
}

function packageSection(text: string, key: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[key]
    return value === undefined ? undefined : JSON.stringify(value)
  } catch {
    return undefined
  }
}
