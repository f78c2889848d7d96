/**
 * Names, ownership, state, deploy, outputs — in that order. CDK: `cdk synth` (prefix as env and context),
 * the cloud assembly's stacks checked for the prefix, our tags merged into the assembly, `cdk deploy` of
 * that assembly. deploy-command: `<prefix>-<name>` for each of stack-names, tags in PYRAMID_STACK_TAGS.
 * Stacks that already exist without this run's tags are refused. Names go to state before the deploy.
 */
import path from 'node:path'
import type { StackResource } from '../../core/results/report.js'
import type { Phase, TierNote } from '../../core/results/run.js'
import { hasRunPrefix, prefixedNames, stackNameProblem } from '../../core/stacks/naming.js'
import { isOwnedByRun, missingTags } from '../../core/stacks/tags.js'
import type { Inputs } from '../../inputs/types.js'
import type { Clock, CloudFormationApi, Log, Shell, Workspace } from '../ports.js'
import { addStackTags, readAssemblyStacks, selectStacks } from './cloud-assembly.js'
import { runDeploy } from './deploy.js'
import { outputsEnv, readOutputsFile, writeOutputsFile, type StackOutputs } from './outputs.js'
import type { DeployedStack } from './stack-report.js'
import type { RecordedStacks } from './stack-state.js'
import { shellQuote } from '../../core/shell-quote.js'

export interface DeployStacksRequest {
  e2e: Inputs['e2e']
  prefix: string
  tags: Record<string, string>
  owner: { repository: string; runId: string }
  region: string
  endpointUrl?: string
  accountMasked: string
  expiresAt: string
  workingDirectory: string
  cdkCommand: string
  /** The environment of synth and deploy: AWS_ENDPOINT_URL* handled, PYRAMID_STACK_PREFIX/TAGS set. */
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

export async function deployStacks(deps: Deps, req: DeployStacksRequest): Promise<DeployOutcome> {
  const appDir = path.resolve(req.workingDirectory, req.e2e.cdkAppDir)
  const outDir = path.join(appDir, 'cdk.out')
  const outputsFile = path.join(
    path.resolve(req.workingDirectory),
    '.pyramid',
    'e2e',
    `${req.prefix}-outputs.json`
  )
  const out: DeployOutcome = {
    names: [],
    startedAt: deps.clock.now(),
    stacks: [],
    failedResources: [],
    outputs: {},
    outputsFile,
    outputsEnv: {},
    phases: [],
    notes: []
  }
  const q = shellQuote
  let deployCommand: string
  let deployCwd: string
  if (req.e2e.deployCommand) {
    out.names = prefixedNames(req.prefix, req.e2e.stackNames)
    deployCommand = req.e2e.deployCommand
    deployCwd = path.resolve(req.workingDirectory)
  } else {
    const synthStart = deps.clock.now()
    const synth = await deps.shell.run(
      `${req.cdkCommand} synth --quiet --no-notices -o ${q(outDir)} -c ${q(`pyramid:stackPrefix=${req.prefix}`)}`,
      { cwd: appDir, env: req.env, signal: req.signal }
    )
    const synthOk = synth.exitCode === 0
    out.phases.push({ name: 'synth', kind: 'setup', durationMs: deps.clock.now() - synthStart, ok: synthOk })
    if (!synthOk) {
      out.failure =
        `cdk synth in ${appDir} exited ${synth.exitCode ?? synth.signal}:\n${synth.tail.slice(-10).join('\n')}\n` +
        'Fix the CDK app (run `npx cdk synth` locally with PYRAMID_STACK_PREFIX set) and re-run.'
      return out
    }
    const stacks = selectStacks(await readAssemblyStacks(deps.files, outDir), req.e2e.cdkStacks)
    const unprefixed = stacks.filter((s) => !hasRunPrefix(s.stackName, req.prefix))
    if (unprefixed.length > 0) {
      out.failure =
        `Refusing to deploy: stack(s) ${unprefixed.map((s) => s.stackName).join(', ')} do not start with the run prefix ` +
        `"${req.prefix}". Name every stack with process.env.PYRAMID_STACK_PREFIX (or the context pyramid:stackPrefix), ` +
        `e.g. \`\${prefix}-orders\`, so that the action only ever deploys and deletes its own stacks.`
      return out
    }
    if (stacks.length === 0) {
      out.failure = `The CDK app in ${appDir} defines no stacks: nothing to deploy. Check cdk-app-dir and cdk-stacks.`
      return out
    }
    out.names = stacks.map((s) => s.stackName)
    await addStackTags(
      deps.files,
      outDir,
      stacks.map((s) => s.id),
      req.tags
    )
    deployCommand =
      `${req.cdkCommand} deploy --app ${q(outDir)} ${stacks.map((s) => q(s.displayName)).join(' ')} ` +
      `--require-approval never --ci --no-notices --outputs-file ${q(outputsFile)}`
    deployCwd = appDir
  }

  const invalid = out.names.map((n) => [n, stackNameProblem(n)] as const).filter(([, p]) => p)
  if (invalid.length > 0) {
    out.failure = `Invalid stack name(s): ${invalid.map(([n, p]) => `"${n}" (${p})`).join(', ')}. Shorten stack-prefix or the stack names.`
    return out
  }
  const ids: Record<string, string> = {}
  for (const name of out.names) {
    const existing = await deps.cfn.describeStack(name, req.signal)
    if (existing && !isOwnedByRun(existing.tags, req.owner.repository, req.owner.runId)) {
      out.failure =
        `Refusing to deploy: a stack named ${name} already exists (${existing.status}) and does not carry this run's ` +
        'pyramid:* tags, so it is not ours. It is left untouched. Rename it or use another stack-prefix.'
      return out
    }
    if (existing) ids[name] = existing.id
  }

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
  deps.recorded.saveNames(out.names)
  for (const [name, id] of Object.entries(ids)) deps.recorded.recordId(name, id)

  out.startedAt = deps.clock.now()
  const result = await deps.log.group(`Deploying ${out.names.join(', ')}`, () =>
    runDeploy(deps, {
      command: deployCommand,
      cwd: deployCwd,
      env: { ...req.env, PYRAMID_STACK_NAMES: out.names.join(',') },
      names: out.names,
      owner: req.owner,
      signal: req.signal,
      onId: (name, id) => deps.recorded.recordId(name, id)
    })
  )
  out.phases.push({ name: 'deploy', kind: 'setup', durationMs: result.durationMs, ok: result.ok })
  out.notes.push(...result.notes.map((text) => ({ level: 'warning' as const, text })))
  out.failedResources = result.failedResources
  out.stacks = out.names.map((name) => {
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
