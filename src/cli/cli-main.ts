/**
 * `serverless-test-pyramid`: the action's engine on a developer's machine. The event comes from flags,
 * progress streams to the terminal, the summary is rendered for the terminal, and the markdown summary
 * and CTRF report are written to files. Returns the process exit code.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { renderTerminal } from '../core/report/terminal.js'
import { runResult } from '../core/results/run.js'
import { renderPlanMarkdown } from '../core/tiers/render-plan.js'
import { INPUT_NAMES } from '../inputs/input-names.js'
import { readInputs } from '../inputs/read-inputs.js'
import { watchCancellation } from '../app/cancellation.js'
import { viewOf, writeCtrf, writeSummaryAndOutputs } from '../app/emit/write-report.js'
import { commentPreview } from '../core/report/comment-preview.js'
import { planFor } from '../app/modes/dispatch.js'
import { planEstimate } from '../app/modes/plan-estimate.js'
import { runMode } from '../app/modes/run-mode.js'
import { cleanupAfterLocalRun } from './local-cleanup.js'
import { cliRuntime } from '../app/wiring/cli-runtime.js'
import { CLI_HELP, CliUsageError, parseCliArgs } from './args.js'
import { defaultBranchOf, localContext, type GitFacts } from './local-context.js'
import { errorMessage } from '../core/error-message.js'

export interface CliIo {
  argv: string[]
  env: Record<string, string | undefined>
  cwd: string
  write: (text: string) => void
  isTty: boolean
  columns: number
}

export async function runCli(io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(io.argv, new Set(INPUT_NAMES))
    if (args.command === 'help') {
      io.write(CLI_HELP)
      return 0
    }
    const inputs = readInputs((name) => args.inputs[name] ?? '', io.env)
    const git = gitFacts(io.cwd)
    const defaultBranch = defaultBranchOf(args, git)
    io.write(`default branch: ${defaultBranch.name} (${defaultBranch.from})\n`)
    const context = localContext(args, git, String(Math.floor(Date.now() / 1000)))
    const color = args.color ?? (io.isTty && !io.env.NO_COLOR)
    const summaryFile = path.resolve(io.cwd, args.summaryFile ?? path.join('.pyramid', 'summary.md'))
    const rt = cliRuntime(io.env, inputs, context, { cwd: io.cwd, color, write: io.write, summaryFile })
    const plan = planFor(rt)
    if (inputs.mode === 'plan') {
      // The same cost block as the action's mode plan, from an existing cdk.out or template-file.
      const estimate = await planEstimate(rt, plan)
      io.write(renderPlanMarkdown(plan) + '\n' + (estimate === undefined ? '' : `\n${estimate}\n`))
      return 0
    }
    if (inputs.mode !== 'run') {
      throw new CliUsageError(`mode ${inputs.mode} runs in GitHub Actions only; the CLI runs and plans`)
    }
    const cancellation = watchCancellation(rt.log)
    try {
      const report = await runMode(rt, plan, cancellation)
      await cleanupAfterLocalRun(rt)
      const view = viewOf(rt, report)
      const reportPath = await writeCtrf(rt, report, view)
      // A local run emits no annotations: the summary says nothing about them.
      await writeSummaryAndOutputs(rt, report, view, { reportPath, extraSections: [] })
      const commentFile = path.join(path.dirname(summaryFile), 'comment.md')
      await rt.workspace.writeFile(commentFile, commentPreview(view))
      io.write('\n' + renderTerminal(view, { color, width: Math.max(60, io.columns) }) + '\n')
      const shown = (f: string) => path.relative(io.cwd, f) || f
      io.write(
        `\nReport: ${reportPath}\nSummary (markdown): ${shown(summaryFile)}\nPR comment it would post (markdown): ${shown(commentFile)}\n`
      )
      const result = runResult(report.tiers, { failOnFlaky: report.failOnFlaky })
      return result === 'success' || result === 'skipped' ? 0 : 1
    } finally {
      cancellation.dispose()
    }
  } catch (err) {
    io.write(`serverless-test-pyramid: ${errorMessage(err)}\n`)
    return err instanceof CliUsageError ? 2 : 1
  }
}

function gitFacts(cwd: string): GitFacts {
  const git = (...a: string[]) => {
    const r = spawnSync('git', a, { cwd, encoding: 'utf8' })
    return r.status === 0 ? r.stdout.trim() : undefined
  }
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD')
  const sha = git('rev-parse', 'HEAD')
  const remote = git('config', '--get', 'remote.origin.url')
  const repository = remote?.match(/[:/]([^/:]+\/[^/]+?)(\.git)?$/)?.[1]
  const remoteHead = git('symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD')?.replace(
    /^origin\//,
    ''
  )
  const initDefaultBranch = git('config', '--get', 'init.defaultBranch')
  return {
    ...(branch && branch !== 'HEAD' ? { branch } : {}),
    ...(sha ? { sha } : {}),
    ...(repository ? { repository } : {}),
    ...(remoteHead ? { remoteHead } : {}),
    ...(initDefaultBranch ? { initDefaultBranch } : {})
  }
}
