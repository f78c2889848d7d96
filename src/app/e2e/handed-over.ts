/**
 * e2e-stacks: handed-over — the e2e tier tests the stacks a `mode: deploy` job of this run, attempt and
 * instance deployed and handed over: found as mode cleanup finds them (call-stacks.ts) but only those with
 * this attempt's run prefix (an earlier attempt's stacks may still be live, or DELETE_FAILED), their outputs read from
 * CloudFormation and given to the e2e command as the tier's own deploy gives them. Nothing is deployed,
 * nothing saved to state (post destroys nothing), nothing destroyed: mode cleanup does that.
 */
import { handedOverProblem } from '../../core/stacks/hand-over.js'
import { hasRunPrefix } from '../../core/stacks/naming.js'
import type { Clock, CloudFormationApi, Workspace } from '../ports.js'
import { callStacks, type CallOfRun } from './call-stacks.js'
import type { DeployOutcome } from './deploy-stacks.js'
import { outputsEnv, writeOutputsFile, type StackOutputs } from './outputs.js'

/** The handed-over stacks as a deploy outcome for the e2e command, or why there are none to test. */
export async function adoptHandedOver(
  deps: { cfn: CloudFormationApi; clock: Clock; files: Workspace },
  req: { call: CallOfRun; runPrefix: string; outputsFile: string; signal: AbortSignal }
): Promise<DeployOutcome> {
  const startedAt = deps.clock.now()
  const found = (await callStacks(deps.cfn, req.call, req.signal))
    .filter((s) => hasRunPrefix(s.name, req.runPrefix))
    .sort((a, b) => a.name.localeCompare(b.name))
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
  const problem = handedOverProblem(found, req.call)
  if (problem !== undefined) {
    out.phases.push(phase(false))
    out.failure = problem
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
