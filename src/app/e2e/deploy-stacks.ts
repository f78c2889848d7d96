/**
 * The deploy of the selected stacks (stack-selection.ts): the names go to state before anything is
 * deployed, the deploy runs with the StackIds recorded as they appear, the stacks' tags are checked, and
 * the outputs are gathered for the e2e command.
 */
import type { StackResource } from '../../core/results/report.js'
import type { Phase, TierNote } from '../../core/results/run.js'
import { missingTags } from '../../core/stacks/tags.js'
import type { Inputs } from '../../inputs/types.js'
import type { Clock, CloudFormationApi, Log, Shell, Workspace } from '../ports.js'
import { runDeploy } from './deploy.js'
import { outputsEnv, readOutputsFile, writeOutputsFile, type StackOutputs } from './outputs.js'
import type { StackSelection } from './stack-selection.js'
import type { DeployedStack } from './stack-report.js'
import type { RecordedStacks } from './stack-state.js'

export interface DeployStacksRequest {
  e2e: Inputs['e2e']
  tags: Record<string, string>
  owner: { repository: string; runId: string }
  region: string
  endpointUrl?: string
  accountMasked: string
  expiresAt: string
  /** The environment of the deploy: AWS_ENDPOINT_URL* handled, PYRAMID_STACK_PREFIX/TAGS set. */
  env: Record<string, string | undefined>
  signal: AbortSignal
}

export interface DeployOutcome {
  names: string[]
  startedAt: number
  stacks: DeployedStack[]
  failedResources: StackResource[]
  outputs: StackOutputs
  outputsFile: string
  outputsEnv: Record<string, string>
  phases: Phase[]
  notes: TierNote[]
  failure?: string
}

type Deps = {
  shell: Shell
  clock: Clock
  log: Log
  files: Workspace
  recorded: RecordedStacks
  cfn: CloudFormationApi
}

export async function deployStacks(
  deps: Deps,
  selection: StackSelection,
  req: DeployStacksRequest
): Promise<DeployOutcome> {
  const { names, outputsFile } = selection
  // State before side effects: post knows what to destroy even if main dies during the deploy.
  deps.recorded.saveAws({
    region: req.region,
    ...(req.endpointUrl ? { endpointUrl: req.endpointUrl } : {}),
    accountMasked: req.accountMasked,
    repository: req.owner.repository,
    runId: req.owner.runId,
    expiresAt: req.expiresAt,
    forceDelete: req.e2e.forceDelete,
    destroyTimeoutMs: req.e2e.destroyTimeoutMinutes * 60_000
  })
  deps.recorded.saveNames(names)
  for (const [name, id] of Object.entries(selection.existingIds)) deps.recorded.recordId(name, id)

  const startedAt = deps.clock.now()
  const out: DeployOutcome = {
    names,
    startedAt,
    stacks: [],
    failedResources: [],
    outputs: {},
    outputsFile,
    outputsEnv: {},
    phases: [],
    notes: []
  }
  const result = await deps.log.group(`Deploying ${names.join(', ')}`, () =>
    runDeploy(deps, {
      command: selection.command,
      cwd: selection.cwd,
      env: { ...req.env, PYRAMID_STACK_NAMES: names.join(',') },
      names,
      owner: req.owner,
      signal: req.signal,
      onId: (name, id) => deps.recorded.recordId(name, id),
      recordedId: (name) => deps.recorded.ids[name]
    })
  )
  out.phases.push({ name: 'deploy', kind: 'setup', startedAt, durationMs: result.durationMs, ok: result.ok })
  out.notes.push(...result.notes.map((text) => ({ level: 'warning' as const, text })))
  out.failedResources = result.failedResources
  out.stacks = names.map((name) => {
    const s = result.stacks.find((d) => d.name === name)
    return { name, ...(s ? { stackId: s.id, status: s.status } : {}), deployMs: result.durationMs }
  })
  for (const s of result.stacks) {
    const missing = missingTags(req.tags, s.tags)
    if (missing.length > 0) {
      out.notes.push({
        level: 'warning',
        text:
          `Stack ${s.name} lacks the tag(s) ${missing.join(', ')} after deploy: the cleanup job and the janitor cannot find it by tag. ` +
          (req.e2e.deployCommand
            ? 'Pass PYRAMID_STACK_TAGS to your deploy command (e.g. `sam deploy --tags $PYRAMID_STACK_TAGS`).'
            : 'Report this as a bug.')
      })
    }
  }
  if (result.failure) {
    out.failure = result.failure
    return out
  }
  const fromFile = req.e2e.deployCommand ? {} : await readOutputsFile(deps.files, outputsFile)
  for (const s of result.stacks) out.outputs[s.name] = { ...s.outputs, ...fromFile[s.name] }
  await writeOutputsFile(deps.files, outputsFile, out.outputs)
  out.outputsEnv = outputsEnv(out.outputs)
  return out
}
