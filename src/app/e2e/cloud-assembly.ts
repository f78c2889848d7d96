/**
 * The synthesized cloud assembly (cdk.out/manifest.json): which stacks the app defines, and our tags
 * written into each stack's properties.tags. The CDK CLI deploys an assembly's stacks with exactly those
 * tags (CloudFormationStackArtifact.tags ← properties.tags; `cdk deploy` uses them unless --tags is
 * given, and --tags would *replace* the app's own tags), so adding ours there merges with the app's.
 */
import path from 'node:path'
import { errorMessage } from '../../core/error-message.js'
import type { Workspace } from '../ports.js'

export interface AssemblyStack {
  /** Artifact id (the selector `cdk deploy` takes). */
  id: string
  /** Hierarchical display name (e.g. Stage/Stack), also a selector. */
  displayName: string
  stackName: string
  /** The synthesized template, relative to the assembly folder. */
  templateFile?: string
}

interface Manifest {
  artifacts?: Record<
    string,
    {
      type?: string
      displayName?: string
      properties?: { stackName?: string; templateFile?: string; tags?: Record<string, string> }
    }
  >
}

export function manifestPath(outDir: string): string {
  return path.join(outDir, 'manifest.json')
}

export async function readAssemblyStacks(files: Workspace, outDir: string): Promise<AssemblyStack[]> {
  const manifest = await readManifest(files, outDir)
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([id, a]) => ({
      id,
      displayName: a.displayName ?? id,
      stackName: a.properties?.stackName ?? id,
      ...(a.properties?.templateFile !== undefined ? { templateFile: a.properties.templateFile } : {})
    }))
}

/** The stacks cdk-stacks names (by artifact id, display name or stack name); all when empty. */
export function selectStacks(all: readonly AssemblyStack[], wanted: readonly string[]): AssemblyStack[] {
  if (wanted.length === 0) return [...all]
  return wanted.map((w) => {
    const found = all.find((s) => s.id === w || s.displayName === w || s.stackName === w)
    if (!found) {
      throw new Error(
        `cdk-stacks names "${w}", which the CDK app does not define (it has: ${all.map((s) => s.displayName).join(', ') || 'no stacks'}). ` +
          'Fix cdk-stacks, or leave it empty to deploy every stack of the app.'
      )
    }
    return found
  })
}

/** Merges `tags` into properties.tags of the given stacks (ours win over the app's for the same key). */
export async function addStackTags(
  files: Workspace,
  outDir: string,
  stackIds: readonly string[],
  tags: Record<string, string>
): Promise<void> {
  const manifest = await readManifest(files, outDir)
  for (const id of stackIds) {
    const artifact = manifest.artifacts?.[id]
    if (!artifact) throw new Error(`Stack ${id} vanished from ${manifestPath(outDir)} while tagging it.`)
    artifact.properties = { ...artifact.properties, tags: { ...artifact.properties?.tags, ...tags } }
  }
  await files.writeFile(manifestPath(outDir), JSON.stringify(manifest, null, 2))
}

async function readManifest(files: Workspace, outDir: string): Promise<Manifest> {
  const file = manifestPath(outDir)
  let raw: string | undefined
  try {
    raw = await files.readText(file)
  } catch (err) {
    throw noAssembly(file, errorMessage(err))
  }
  if (raw === undefined) throw noAssembly(file, 'no such file')
  try {
    return JSON.parse(raw) as Manifest
  } catch (err) {
    throw new Error(
      `${file} is not valid JSON (${errorMessage(err)}): re-run cdk synth and check its output.`
    )
  }
}

function noAssembly(file: string, why: string): Error {
  return new Error(
    `cdk synth produced no cloud assembly at ${file} (${why}). Check that cdk-app-dir holds the CDK app (cdk.json).`
  )
}
