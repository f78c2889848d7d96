/**
 * The templates the pre-deploy estimate reads: the synthesized ones in cdk.out (the manifest names
 * each stack's template file), or a deploy-command user's template-file (JSON or YAML, with the
 * short-form intrinsic functions such as !Ref read as plain values).
 */
import path from 'node:path'
import type { ScalarTag, CollectionTag } from 'yaml'
import { errorMessage } from '../../core/error-message.js'
import { templateResources, type TemplateResources } from '../../core/cost/template-resources.js'
import type { Workspace } from '../ports.js'
import type { AssemblyStack } from './cloud-assembly.js'

/** The resources of every selected stack of a cloud assembly. */
export async function assemblyResources(
  files: Workspace,
  outDir: string,
  stacks: readonly AssemblyStack[]
): Promise<TemplateResources> {
  const all: TemplateResources = { resources: [], notes: [] }
  for (const s of stacks) {
    if (s.templateFile === undefined) {
      all.notes.push(`${s.stackName}: the cloud assembly names no template file, not estimated`)
      continue
    }
    const file = path.join(outDir, s.templateFile)
    add(all, templateResources(s.stackName, await readTemplate(files, file), file))
  }
  return all
}

/** The resources of template-file, as the stacks in `stackNames` would deploy it. */
export async function templateFileResources(
  files: Workspace,
  file: string,
  stackNames: readonly string[]
): Promise<TemplateResources> {
  const template = await readTemplate(files, file)
  const all: TemplateResources = { resources: [], notes: [] }
  for (const name of stackNames) add(all, templateResources(name, template, file))
  return all
}

function add(all: TemplateResources, more: TemplateResources): void {
  all.resources.push(...more.resources)
  all.notes.push(...more.notes)
}

const INTRINSICS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Condition',
  'Transform'
]

/** `!Ref X` read as `{ Ref: X }` (and `!GetAtt a.b` as `{ 'Fn::GetAtt': 'a.b' }`): not literals. */
const CFN_TAGS: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`
  return (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
    tag: `!${name}`,
    ...(nodeClass === 'scalar' ? {} : { collection: nodeClass }),
    resolve: (value: unknown) => ({
      [key]: value instanceof Object && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value
    })
  })) as (ScalarTag | CollectionTag)[]
})

export async function readTemplate(files: Workspace, file: string): Promise<unknown> {
  const text = await files.readText(file)
  if (text === undefined)
    throw new Error(`The template ${file} does not exist: check template-file, or re-run cdk synth.`)
  try {
    if (text.trimStart().startsWith('{')) return JSON.parse(text)
    // Loaded only for a YAML template: most runs have none, and every run would pay its start-up.
    const { parse } = await import('yaml')
    return parse(text, { customTags: CFN_TAGS })
  } catch (err) {
    throw new Error(
      `The template ${file} is neither JSON nor YAML CloudFormation can read (${errorMessage(err)}).`
    )
  }
}
