/**
 * The integration tier's check for AWS SDKs that ignore AWS_ENDPOINT_URL (core/sdk/endpoint-support.ts):
 * the working directory's lockfiles and requirement files read, a warning note when one pins such an SDK.
 */
import path from 'node:path'
import type { TierNote } from '../../core/results/run.js'
import { oldSdks, oldSdkWarning, SDK_LOCKFILES } from '../../core/sdk/endpoint-support.js'
import type { Workspace } from '../ports.js'

export async function oldSdkNotes(files: Workspace, workingDirectory: string): Promise<TierNote[]> {
  const found: { file: string; text: string }[] = []
  for (const file of SDK_LOCKFILES) {
    const text = await files.readText(path.join(workingDirectory, file))
    if (text !== undefined) found.push({ file, text })
  }
  const warning = oldSdkWarning(oldSdks(found))
  return warning === undefined ? [] : [{ level: 'warning', text: warning }]
}
