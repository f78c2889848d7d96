/**
 * Which stacks the e2e tier will deploy, decided before anything is deployed (and so free to do while
 * the lower tiers run): CDK — `cdk synth` (prefix as env and context), the cloud assembly's stacks
 * checked for the run prefix, our tags merged into the assembly; deploy-command — `<prefix>-<name>` for
 * each of stack-names. Then the names are checked against CloudFormation's rules, and a stack that
 * already exists without this run's tags is refused. The selection says where the stacks' templates are
 * (the assembly, or template-file), for the cost estimate before the deploy.
 */
import path from 'node:path'
import type { TemplateResources } from '../../core/cost/template-resources.js'
import type { Phase } from '../../core/results/run.js'
import { hasRunPrefix, prefixedNames, stackNameProblem } from '../../core/stacks/naming.js'
import { isOwnedByRun } from '../../core/stacks/tags.js'
import { shellQuote } from '../../core/shell-quote.js'
import type { Inputs } from '../../inputs/types.js'
import type { Clock, CloudFormationApi, Shell, Workspace } from '../ports.js'
import { addStackTags, readAssemblyStacks, selectStacks } from './cloud-assembly.js'
import { cdkCli } from './cdk-cli.js'
import { assemblyResources, templateFileResources } from './templates.js'

export interface SelectionRequest {
  e2e: Inputs['e2e']
  prefix: string
  tags: Record<string, string>
  owner: { repository: string; runId: string }
  workingDirectory: string
  /** How to run the CDK CLI; by default the project's own, as npx would pick it (cdk-cli.ts). */
  cdkCommand?: string
  /** The environment of synth: AWS_ENDPOINT_URL* handled, PYRAMID_STACK_PREFIX/TAGS set. */
  env: Record<string, string | undefined>
  signal: AbortSignal
}

/** The stacks to deploy and how: ready for deployStacks. */
export interface StackSelection {
  names: string[]
  command: string
  cwd: string
  /** `cdk deploy --outputs-file` (CDK), or where the outputs from DescribeStacks are written. */
  outputsFile: string
  /** StackIds of stacks of this run that exist already (a re-run of the deploy). */
  existingIds: Record<string, string>
  /** The stacks' template resources; undefined for a deploy-command without template-file. */
  readTemplates?: () => Promise<TemplateResources>
}

export type SelectionOutcome = { phases: Phase[] } & (
  { selection: StackSelection; failure?: undefined } | { failure: string; names: string[] }
)

type Deps = { shell: Shell; clock: Clock; files: Workspace; cfn: CloudFormationApi }

export async function selectDeployment(deps: Deps, req: SelectionRequest): Promise<SelectionOutcome> {
  const phases: Phase[] = []
  const outputsFile = outputsFilePath(req.workingDirectory, req.prefix)
  const planned = req.e2e.deployCommand
    ? commandDeploy(deps, req, req.e2e.deployCommand)
    : await synthesize(deps, req, phases, outputsFile)
  if ('failure' in planned) return { phases, failure: planned.failure, names: [] }
  const { names } = planned
  const fail = (failure: string): SelectionOutcome => ({ phases, failure, names })

  const invalid = names.map((n) => [n, stackNameProblem(n)] as const).filter(([, p]) => p)
  if (invalid.length > 0) {
    return fail(
      `Invalid stack name(s): ${invalid.map(([n, p]) => `"${n}" (${p})`).join(', ')}. Shorten stack-prefix or the stack names.`
    )
  }
  const existingIds: Record<string, string> = {}
  for (const name of names) {
    const existing = await deps.cfn.describeStack(name, req.signal)
    if (existing && !isOwnedByRun(existing.tags, req.owner.repository, req.owner.runId)) {
      return fail(
        `Refusing to deploy: a stack named ${name} already exists (${existing.status}) and does not carry this run's ` +
          'pyramid:* tags, so it is not ours. It is left untouched. Rename it or use another stack-prefix.'
      )
    }
    if (existing) existingIds[name] = existing.id
  }
  return { phases, selection: { ...planned, outputsFile, existingIds } }
}

/** Where the stack outputs go for the e2e command (PYRAMID_OUTPUTS_FILE). */
export function outputsFilePath(workingDirectory: string, prefix: string): string {
  return path.join(path.resolve(workingDirectory), '.pyramid', 'e2e', `${prefix}-outputs.json`)
}

type Planned = Pick<StackSelection, 'names' | 'command' | 'cwd' | 'readTemplates'>

/** deploy-command: `<prefix>-<name>` for each of stack-names, their templates in template-file if set. */
function commandDeploy(deps: Deps, req: SelectionRequest, command: string): Planned {
  const names = prefixedNames(req.prefix, req.e2e.stackNames)
  const cwd = path.resolve(req.workingDirectory)
  const file = req.e2e.templateFile
  return {
    names,
    command,
    cwd,
    ...(file !== undefined
      ? { readTemplates: () => templateFileResources(deps.files, path.resolve(cwd, file), names) }
      : {})
  }
}

/** `cdk synth`, the assembly's stacks checked for the prefix, our tags merged in: the `cdk deploy` to run. */
async function synthesize(
  deps: Deps,
  req: SelectionRequest,
  phases: Phase[],
  outputsFile: string
): Promise<Planned | { failure: string }> {
  const q = shellQuote
  const appDir = path.resolve(req.workingDirectory, req.e2e.cdkAppDir)
  const outDir = path.join(appDir, 'cdk.out')
  const startedAt = deps.clock.now()
  const cdk = req.cdkCommand ?? (await cdkCli(deps.files, appDir))
  const synth = await deps.shell.run(
    `${cdk} synth --quiet --no-notices -o ${q(outDir)} -c ${q(`pyramid:stackPrefix=${req.prefix}`)}`,
    { cwd: appDir, env: req.env, signal: req.signal }
  )
  const ok = synth.exitCode === 0
  phases.push({ name: 'synth', kind: 'setup', startedAt, durationMs: deps.clock.now() - startedAt, ok })
  if (!ok) {
    return {
      failure:
        `cdk synth in ${appDir} exited ${synth.exitCode ?? synth.signal}:\n${synth.tail.slice(-10).join('\n')}\n` +
        'Fix the CDK app (run `npx cdk synth` locally with PYRAMID_STACK_PREFIX set) and re-run.'
    }
  }
  const stacks = selectStacks(await readAssemblyStacks(deps.files, outDir), req.e2e.cdkStacks)
  const unprefixed = stacks.filter((s) => !hasRunPrefix(s.stackName, req.prefix))
  if (unprefixed.length > 0) {
    return {
      failure:
        `Refusing to deploy: stack(s) ${unprefixed.map((s) => s.stackName).join(', ')} do not start with the run prefix ` +
        `"${req.prefix}". Name every stack with process.env.PYRAMID_STACK_PREFIX (or the context pyramid:stackPrefix), ` +
        `e.g. \`\${prefix}-orders\`, so that the action only ever deploys and deletes its own stacks.`
    }
  }
  if (stacks.length === 0) {
    return {
      failure: `The CDK app in ${appDir} defines no stacks: nothing to deploy. Check cdk-app-dir and cdk-stacks.`
    }
  }
  await addStackTags(
    deps.files,
    outDir,
    stacks.map((s) => s.id),
    req.tags
  )
  return {
    names: stacks.map((s) => s.stackName),
    command:
      `${cdk} deploy --app ${q(outDir)} ${stacks.map((s) => q(s.displayName)).join(' ')} ` +
      `--require-approval never --ci --no-notices --outputs-file ${q(outputsFile)}`,
    cwd: appDir,
    readTemplates: () => assemblyResources(deps.files, outDir, stacks)
  }
}
