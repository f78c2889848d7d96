/**
 * e2e-stacks: handed-over — the e2e tier tests the stacks a `mode: deploy` job of this run and instance
 * deployed and handed over: found as mode cleanup finds them (call-stacks.ts), their outputs read from
 * CloudFormation and given to the e2e command as the tier's own deploy gives them. Nothing is deployed,
 * nothing saved to state (post destroys nothing), nothing destroyed: mode cleanup does that.
 */
import type { Clock, CloudFormationApi, Workspace } from '../ports.js'
import { callStacks, type CallOfRun } from './call-stacks.js'
import type { DeployOutcome } from './deploy-stacks.js'
import { outputsEnv, writeOutputsFile, type StackOutputs } from './outputs.js'

const READY = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE'])

/** The handed-over stacks as a deploy outcome for the e2e command, or why there are none to test. */
export async function adoptHandedOver(
  deps: { cfn: CloudFormationApi; clock: Clock; files: Workspace },
  req: { call: CallOfRun; outputsFile: string; signal: AbortSignal }
): Promise<DeployOutcome> {
  const startedAt = deps.clock.now()
  const found = (await callStacks(deps.cfn, req.call, req.signal)).sort((a, b) =>
    a.name.localeCompare(b.name)
  )
  const out: DeployOutcome = {
    names: found.map((s) => s.name),
    startedAt,
    stacks: found.map((s) => ({ name: s.name, stackId: s.id, status: s.status })),
    failedResources: [],
    outputs: {},
    outputsFile: req.outputsFile,
    outputsEnv: {},
    phases: [],
    notes: []
  }
  const phase = (ok: boolean) => ({
    name: 'hand-over',
    kind: 'setup' as const,
    startedAt,
    durationMs: deps.clock.now() - startedAt,
    ok
  })
  const { runId, instance } = req.call
  if (found.length === 0) {
    out.phases.push(phase(false))
    out.failure =
      `No stacks of run ${runId}, instance ${instance}, were handed over: the deploy job (mode deploy) deployed none, ` +
      'or cleanup destroyed them already (a re-run of this job alone finds none: re-run all jobs).'
    return out
  }
  const notReady = found.filter((s) => !READY.has(s.status))
  if (notReady.length > 0) {
    out.phases.push(phase(false))
    out.failure = `Handed-over stack(s) not ready to test: ${notReady.map((s) => `${s.name} (${s.status})`).join(', ')}.`
    return out
  }
  const outputs: StackOutputs = Object.fromEntries(found.map((s) => [s.name, s.outputs]))
  await writeOutputsFile(deps.files, req.outputsFile, outputs)
  out.outputs = outputs
  out.outputsEnv = outputsEnv(outputs)
  out.phases.push(phase(true))
  out.notes.push({
    level: 'info',
    text: `Tested the stacks the deploy job handed over (deployed ahead, prepare: eager): ${out.names.join(', ')}. The cleanup job destroys them.`
  })
  return out
}
