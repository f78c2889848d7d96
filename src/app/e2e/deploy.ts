/**
 * The deploy: `cdk deploy` of the synthesized assembly (our tags in its manifest), or the user's
 * deploy-command. StackIds are recorded while it runs. Afterwards every stack's status is re-checked
 * (a throttled last event poll can fail a deploy that succeeded: aws-cdk-cli#1777); a failed deploy is
 * reported with the failed resources and reasons from the stack events.
 */
import type { StackResource } from '../../core/results/report.js'
import { isDeployedStatus, isFailedResourceStatus, isInProgress } from '../../core/stacks/states.js'
import type { Clock, CloudFormationApi, Log, Shell, StackDescription } from '../ports.js'
import { failedResourcesFromEvents } from './stack-events.js'
import { watchStackIds } from './stack-watch.js'

export interface DeployRequest {
  command: string
  cwd: string
  env: Record<string, string | undefined>
  names: readonly string[]
  owner: { repository: string; runId: string }
  signal: AbortSignal
  onId: (name: string, id: string) => void
  /** A StackId recorded elsewhere meanwhile (a cancel that found the stack by name records it). */
  recordedId: (name: string) => string | undefined
}

export interface DeployResult {
  ok: boolean
  durationMs: number
  exitCode: number | null
  stacks: StackDescription[]
  failedResources: StackResource[]
  failure?: string
  notes: string[]
}

export async function runDeploy(
  deps: { shell: Shell; cfn: CloudFormationApi; clock: Clock; log: Log },
  req: DeployRequest
): Promise<DeployResult> {
  const started = deps.clock.now()
  const ids: Record<string, string> = {}
  const watch = watchStackIds(deps, req.names, {
    owner: req.owner,
    startedAt: started,
    onId: (name, id) => {
      ids[name] = id
      req.onId(name, id)
    }
  })
  let exit: Awaited<ReturnType<Shell['run']>>
  try {
    exit = await deps.shell.run(req.command, { cwd: req.cwd, env: req.env, signal: req.signal })
  } finally {
    await watch.stop()
  }
  const durationMs = deps.clock.now() - started
  const notes: string[] = []
  const stacks: StackDescription[] = []
  for (const name of req.names) {
    const s = await deps.cfn.describeStack(ids[name] ?? req.recordedId(name) ?? name)
    if (s) stacks.push(s)
  }
  const missing = req.names.filter((n) => !stacks.some((s) => s.name === n))
  const bad = stacks.filter((s) => !isDeployedStatus(s.status))
  const failedResources: StackResource[] = []
  for (const s of bad) {
    failedResources.push(...(await failedResourcesFromEvents(deps.cfn, s.name, s.id, failedStatus)))
  }
  const allDeployed = missing.length === 0 && bad.length === 0
  if (allDeployed && exit.exitCode !== 0 && !req.signal.aborted) {
    notes.push(
      `The deploy command exited ${exit.exitCode}, but every stack is deployed (${stacks.map((s) => `${s.name}: ${s.status}`).join(', ')}): ` +
        'treated as deployed (a throttled final status poll can fail a successful cdk deploy, aws-cdk-cli#1777).'
    )
  }
  if (allDeployed) return { ok: true, durationMs, exitCode: exit.exitCode, stacks, failedResources, notes }
  const parts: string[] = []
  if (req.signal.aborted) parts.push('the deploy was cancelled')
  else parts.push(`the deploy command exited ${exit.exitCode ?? exit.signal}`)
  for (const s of bad) {
    parts.push(
      req.signal.aborted && s.status.startsWith('DELETE_')
        ? `${s.name} (${s.id}) was created, then deleted by the cancel (${s.status})`
        : `${s.name} is ${s.status}${s.reason ? ` (${s.reason})` : ''}`
    )
  }
  if (missing.length > 0) parts.push(`not created: ${missing.join(', ')}`)
  const reasons = failedResources.map(
    (r) => `${r.stackName}/${r.logicalId} (${r.type}) ${r.status}: ${r.reason ?? 'no reason given'}`
  )
  const tail = exit.tail.slice(-5).join('\n')
  const failure =
    `Deploying the e2e stacks failed: ${parts.join('; ')}.` +
    (reasons.length > 0 ? `\nFailed resources:\n- ${reasons.join('\n- ')}` : '') +
    (reasons.length === 0 && tail ? `\nLast output:\n${tail}` : '') +
    '\nFix the cause above and re-run; the stacks are destroyed now like any other.'
  return { ok: false, durationMs, exitCode: exit.exitCode, stacks, failedResources, failure, notes }
}

function failedStatus(status: string): boolean {
  return isFailedResourceStatus(status) && !isInProgress(status)
}
