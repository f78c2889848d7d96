/** Wires the adapters for a developer's terminal: the same engine, terminal log, in-memory state. */
import path from 'node:path'
import { createAwsClients } from '../../adapters/aws/clients.js'
import { systemClock } from '../../adapters/clock.js'
import { fileResultsSource } from '../../adapters/files/results-source.js'
import { fileWorkspace } from '../../adapters/files/workspace.js'
import { commentFiles } from '../../adapters/github/comment-file.js'
import { createDockerCli } from '../../adapters/localstack/docker-cli.js'
import { createHealthClient } from '../../adapters/localstack/health-client.js'
import { createShell } from '../../adapters/process/shell.js'
import { memoryOutputs, memoryState, terminalLog } from '../../adapters/terminal/terminal-io.js'
import type { RunContext } from '../../core/context.js'
import type { Inputs } from '../../inputs/types.js'
import type { Runtime } from '../runtime.js'

export function cliRuntime(
  env: Record<string, string | undefined>,
  inputs: Inputs,
  context: RunContext,
  opts: { cwd: string; color: boolean; write: (text: string) => void; summaryFile: string }
): Runtime {
  const workingDirectory = path.resolve(opts.cwd, inputs.workingDirectory)
  const shell = createShell(opts.write)
  return {
    shell,
    clock: systemClock,
    log: terminalLog(opts.write, { color: opts.color, debug: env.PYRAMID_DEBUG === '1' }),
    state: memoryState(),
    outputs: memoryOutputs(),
    summary: {
      append: (markdown) => fileWorkspace.writeFile(opts.summaryFile, markdown)
    },
    results: fileResultsSource,
    workspace: fileWorkspace,
    aws: createAwsClients,
    github: () => Promise.reject(new Error('the CLI writes no PR comment and no history')),
    commentFiles,
    docker: (cwd, dockerEnv) => createDockerCli(shell, cwd, dockerEnv),
    localstackHealth: createHealthClient(),
    env,
    context,
    inputs: { ...inputs, workingDirectory },
    resultsRoot: path.join(workingDirectory, '.pyramid', 'results'),
    repoRoot: opts.cwd,
    host: 'cli'
  }
}
