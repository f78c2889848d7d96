/** Stack outputs to the e2e command: PYRAMID_OUTPUTS_FILE ({StackName: {OutputKey: value}}) and PYRAMID_OUTPUT_<Key>. */
import { outputEnvName } from '../../core/stacks/naming.js'
import type { Workspace } from '../ports.js'

export type StackOutputs = Record<string, Record<string, string>>

/** The CDK outputs file; {} when the deploy wrote none (e.g. it failed before any stack finished). */
export async function readOutputsFile(files: Workspace, file: string): Promise<StackOutputs> {
  const raw = await files.readText(file)
  if (raw === undefined) return {}
  const parsed = JSON.parse(raw) as StackOutputs
  return parsed && typeof parsed === 'object' ? parsed : {}
}

export async function writeOutputsFile(files: Workspace, file: string, outputs: StackOutputs): Promise<void> {
  await files.writeFile(file, JSON.stringify(outputs, null, 2))
}

/** PYRAMID_OUTPUT_<Key> for every output of every stack; a key in several stacks: the last stack wins. */
export function outputsEnv(outputs: StackOutputs): Record<string, string> {
  const env: Record<string, string> = {}
  for (const stack of Object.keys(outputs).sort()) {
    for (const [key, value] of Object.entries(outputs[stack] ?? {})) env[outputEnvName(key)] = String(value)
  }
  return env
}
