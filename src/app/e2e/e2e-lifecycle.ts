/**
 * The e2e tier around its command. Setup in two stages: preflight (account guard) with the names and
 * their ownership (synth for CDK) and the hourly estimate from the templates (a warning above
 * cost-warning-usd-per-hour, a refusal above cost-limit-usd-per-hour) — free, so it may run while the
 * lower tiers run (prepare: auto) —, then state before side effects, the deploy (StackIds recorded as they appear) and the outputs for the
 * command (ahead of its turn with prepare: eager). Teardown destroys, cancel issues DeleteStack at once.
 * report() gives RunReport.stacks and the stack's cost lines.
 */
import { errorMessage } from '../../core/error-message.js'
import { awsEnvChanges, resolveRegion } from './aws-environment.js'
import { applyEnvChanges } from '../../core/env-changes.js'
import type { RunContext } from '../../core/context.js'
import type { CostLine, HourlyEstimate, StackReport } from '../../core/results/report.js'
import type { TierNote } from '../../core/results/run.js'
import { checkAccount, maskAccount } from '../../core/stacks/account.js'
import { accountCheckFailure } from '../../core/stacks/account-check-failure.js'
import { formatDuration, formatUsd } from '../../core/cost/runner-cost.js'
import type { PriceTable } from '../../core/cost/price-table.js'
import type { PricedResource } from '../../core/cost/resource-pricing.js'
import type { TemplateResource } from '../../core/cost/template-resources.js'
import { meteredSum } from '../../core/cost/run-cost.js'
import { stackCostLines } from '../../core/stacks/cost.js'
import { assertValidPrefix, runPrefix } from '../../core/stacks/naming.js'
import { stackTags, tagsAsEnv, TagKey } from '../../core/stacks/tags.js'
import type { Inputs } from '../../inputs/types.js'
import type { PrepareScope } from '../../core/pipeline/preparation.js'
import type { TierLifecycle, TierPreparation, TierSetup, TierTeardown } from '../tier-lifecycle.js'
import type { AwsClients, AwsClientsFactory, Clock, Log, Shell, StateStore, Workspace } from '../ports.js'
import { deployStacks, type DeployOutcome } from './deploy-stacks.js'
import { adoptHandedOver } from './handed-over.js'
import { outputsFilePath, selectDeployment, type StackSelection } from './stack-selection.js'
import { destroyStacks, newTokenBase, type StackDestroyResult } from './destroy.js'
import { preDeployCost } from './pre-deploy-cost.js'
import { buildStackReport, destroyFailure } from './stack-report.js'
import { RecordedStacks } from './stack-state.js'

/** How long main's teardown waits for DELETE_COMPLETE after a cancel (SIGTERM follows SIGINT by 7.5 s). */
const CANCELLED_DESTROY_WAIT_MS = 4000

export interface E2eDeps {
  shell: Shell
  clock: Clock
  log: Log
  /** The cloud assembly and the outputs file. */
  files: Workspace
  state: StateStore
  aws: AwsClientsFactory
}

export interface E2eOptions {
  e2e: Inputs['e2e']
  /** This call's instance: part of the run prefix and tagged on every stack. */
  instance: string
  workingDirectory: string
  context: RunContext
  baseEnv: Record<string, string | undefined>
  now: number
  /** How to run the CDK CLI (default: the project's own, as npx would pick it; see cdk-cli.ts). */
  cdkCommand?: string
  /** Price table for the estimates (the shipped table, with prices-file over it). */
  prices: PriceTable
}

export interface E2eReport {
  /** RunReport.stacks; undefined when no stack was ever named (setup failed before). */
  stacks?: StackReport
  /** Cost lines of the stack (tier 'e2e'): RunReport.costLines, from which the tier's cost is derived. */
  costLines: CostLine[]
  /** `stack-outputs` action output. */
  outputs: Record<string, Record<string, string>>
}

export interface E2eLifecycle extends TierLifecycle {
  report(): E2eReport
  /**
   * mode deploy: after a complete deploy, leaves the stacks to the e2e job and the cleanup job (post and
   * teardown then destroy nothing). False, and nothing handed over, when the deploy did not complete.
   */
  handOver(): boolean
}

export function createE2eLifecycle(deps: E2eDeps, opts: E2eOptions): E2eLifecycle {
  const { e2e, context } = opts
  const tokenBase = newTokenBase(context.runId)
  const recorded = new RecordedStacks(deps.state)
  let clients: AwsClients | undefined
  let region = e2e.awsRegion ?? ''
  let accountMasked = ''
  let deployed: DeployOutcome | undefined
  let destroyed: StackDestroyResult[] = []
  let costLines: CostLine[] = []
  let teardownOnce: Promise<TierTeardown> | undefined
  let cancelled = false
  /** mode deploy handed the stacks over: the cleanup job destroys them. */
  let handedOver = false
  const owner = { repository: context.repository, runId: context.runId }
  const expiresAt = stackTags(context, opts.instance, opts.now, e2e.stackTtlMinutes)[TagKey.ExpiresAt]

  const prefix = runPrefix(e2e.stackPrefix, opts.instance, context.runId, context.runAttempt)
  const tags = stackTags(context, opts.instance, opts.now, e2e.stackTtlMinutes)
  const stackEnv = { PYRAMID_STACK_PREFIX: prefix, PYRAMID_STACK_TAGS: tagsAsEnv(tags) }
  const endpointUrl = e2e.awsEndpointUrl
  let envChanges: Record<string, string | undefined> = {}
  let selection: StackSelection | undefined
  /** The hourly estimate from the templates, made before the deploy. */
  let estimate: HourlyEstimate | undefined
  /** The templates' resources (their properties size the stack's cost lines). */
  let templateResources: TemplateResource[] = []

  /** The account check, then which stacks to deploy: nothing is deployed, so this may run ahead. */
  async function selectStacks(signal: AbortSignal): Promise<TierPreparation> {
    const part: TierPreparation = { phases: [], notes: [], facts: {} }
    const startedAt = deps.clock.now()
    region = resolveRegion(e2e.awsRegion, opts.baseEnv)
    clients = await deps.aws({ region, ...(endpointUrl ? { endpointUrl } : {}) })
    let identity: { account: string }
    try {
      identity = await clients.sts.callerIdentity(signal)
    } catch (err) {
      if (signal.aborted) throw err
      const failure = accountCheckFailure(err, { region, ...(endpointUrl ? { endpointUrl } : {}) })
      const durationMs = deps.clock.now() - startedAt
      return {
        ...part,
        phases: [{ name: 'preflight', kind: 'setup', startedAt, durationMs, ok: false }],
        failure
      }
    }
    accountMasked = maskAccount(identity.account)
    part.facts.account = accountMasked
    part.facts.region = region
    if (endpointUrl) part.facts.endpoint = endpointUrl
    const verdict = checkAccount(identity.account, e2e.allowedAccountIds, e2e.forbiddenAccountIds)
    part.phases.push({
      name: 'preflight',
      kind: 'setup',
      startedAt,
      durationMs: deps.clock.now() - startedAt,
      ok: verdict.ok
    })
    if (!verdict.ok) return { ...part, failure: verdict.reason ?? 'account refused' }

    assertValidPrefix(prefix)
    part.facts.prefix = prefix
    envChanges = awsEnvChanges(opts.baseEnv, { region, ...(endpointUrl ? { endpointUrl } : {}) })
    if (e2e.stacks === 'handed-over') return part
    const selected = await selectDeployment(
      { shell: deps.shell, clock: deps.clock, files: deps.files, cfn: clients.cloudFormation },
      {
        e2e,
        prefix,
        tags,
        owner,
        workingDirectory: opts.workingDirectory,
        ...(opts.cdkCommand !== undefined ? { cdkCommand: opts.cdkCommand } : {}),
        env: applyEnvChanges(opts.baseEnv, { ...envChanges, ...stackEnv }),
        signal
      }
    )
    part.phases.push(...selected.phases)
    if (selected.failure !== undefined) {
      if (selected.names.length > 0) part.facts.stacks = selected.names.join(', ')
      return { ...part, failure: selected.failure }
    }
    part.facts.stacks = selected.selection.names.join(', ')
    // The estimate before anything is created: a refusal here leaves nothing to destroy.
    const cost = await preDeployCost(deps.log, selected.selection.readTemplates, {
      e2e,
      prices: opts.prices,
      region
    })
    estimate = cost.estimate
    templateResources = cost.resources
    part.notes.push(...cost.notes)
    if (cost.failure !== undefined) return { ...part, failure: cost.failure }
    selection = selected.selection
    return part
  }

  /** Names to state, then the deploy and its outputs; or the stacks a deploy job handed over. */
  async function deploy(signal: AbortSignal): Promise<TierPreparation> {
    if (clients && e2e.stacks === 'handed-over') {
      deployed = await adoptHandedOver(
        { cfn: clients.cloudFormation, clock: deps.clock, files: deps.files },
        {
          call: { ...owner, stackPrefix: e2e.stackPrefix, instance: opts.instance },
          runPrefix: prefix,
          outputsFile: outputsFilePath(opts.workingDirectory, prefix),
          signal
        }
      )
      return preparationOf(deployed)
    }
    if (!clients || !selection) throw new Error('deploy before the stacks were selected')
    deployed = await deployStacks(
      {
        shell: deps.shell,
        clock: deps.clock,
        log: deps.log,
        files: deps.files,
        recorded,
        cfn: clients.cloudFormation
      },
      selection,
      {
        e2e,
        tags,
        owner,
        region,
        accountMasked,
        expiresAt: tags[TagKey.ExpiresAt] ?? '',
        ...(endpointUrl ? { endpointUrl } : {}),
        env: applyEnvChanges(opts.baseEnv, { ...envChanges, ...stackEnv }),
        signal
      }
    )
    return preparationOf(deployed)
  }

  // The stages of setup, in order: `free` runs the first, `full` both. Each runs once, by whoever comes first.
  const stages = [selectStacks, deploy]
  const started: Promise<TierPreparation>[] = []
  /** Runs the stages up to `count` that have not started yet; returns what those did (stops at a failure). */
  async function through(count: number, signal: AbortSignal): Promise<TierPreparation> {
    const mine: TierPreparation = { phases: [], notes: [], facts: {} }
    for (let i = 0; i < count; i++) {
      const first = started[i] === undefined
      started[i] ??= stages[i]!(signal).catch((err: unknown): TierPreparation => ({
        phases: [],
        notes: [],
        facts: {},
        failure: errorMessage(err)
      }))
      const part = await started[i]!
      if (first) {
        mine.phases.push(...part.phases)
        mine.notes.push(...part.notes)
        Object.assign(mine.facts, part.facts)
      }
      if (part.failure !== undefined) return { ...mine, failure: part.failure }
    }
    return mine
  }

  const prepare = (scope: PrepareScope, signal: AbortSignal) =>
    through(scope === 'full' ? stages.length : 1, signal)

  let tested = false
  async function setup(signal: AbortSignal): Promise<TierSetup> {
    tested = true
    const part = await through(stages.length, signal)
    if (part.failure !== undefined || !deployed) return { env: {}, ...part }
    return {
      ...part,
      env: {
        ...envChanges,
        ...stackEnv,
        PYRAMID_STACK_NAMES: deployed.names.join(','),
        PYRAMID_OUTPUTS_FILE: deployed.outputsFile,
        ...deployed.outputsEnv
      }
    }
  }

  async function teardown(): Promise<TierTeardown> {
    const saved = recorded
    if (handedOver || saved.names.length === 0 || saved.destroyed || !clients)
      return { phases: [], notes: [], facts: {} }
    const started = deps.clock.now()
    const targets = saved.names.map((name) => ({
      name,
      ...(saved.ids[name] ? { stackId: saved.ids[name] } : {})
    }))
    const resources = await resourcesForCost(clients, targets)
    const fullTimeoutMs = e2e.destroyTimeoutMinutes * 60_000
    // After a cancel the runner kills main within seconds: wait briefly, so the summary still gets written;
    // the post step confirms what is not confirmed by then.
    const timeoutMs = cancelled ? Math.min(CANCELLED_DESTROY_WAIT_MS, fullTimeoutMs) : fullTimeoutMs
    deps.log.info(
      `Destroying ${saved.names.join(', ')}${cancelled ? ' (cancelled: the post step confirms)' : ''}`
    )
    destroyed = await destroyStacks(
      { cfn: clients.cloudFormation, clock: deps.clock, log: deps.log },
      targets,
      {
        forceDelete: e2e.forceDelete,
        timeoutMs,
        owner,
        tokenBase
      }
    )
    const failure = destroyFailure(destroyed)
    if (destroyed.every((d) => d.confirmed)) recorded.markDestroyed()
    const lifetime = deps.clock.now() - (deployed?.startedAt ?? started)
    costLines = stackCostLines(resources, lifetime, opts.prices, region)
    const leaked = destroyed.flatMap((d) => d.leaked)
    const notes: TierNote[] = leaked.map((r) => ({
      level: 'warning',
      text: `Left behind by the destroy, still billing: ${r.type} ${r.physicalId ?? r.logicalId} (stack ${r.stackName}).`
    }))
    if (!tested && deployed) {
      notes.push({
        level: 'warning',
        text:
          `The stacks were deployed ahead of their turn (prepare: eager) and destroyed without being tested: they lived ` +
          `${formatDuration(lifetime)}, an estimated ${formatUsd(meteredSum(costLines))} of AWS resources (see the cost ` +
          `breakdown), plus the runner time of the deploy and the destroy.`
      })
    }
    return {
      phases: [
        {
          name: 'destroy',
          kind: 'teardown',
          startedAt: started,
          durationMs: deps.clock.now() - started,
          ok: !failure
        }
      ],
      notes,
      facts: { destroyed: destroyed.map((d) => `${d.name}: ${d.finalStatus}`).join(', ') },
      ...(failure ? { failure } : {})
    }
  }

  /** What ListStackResources lists, with each resource's template properties where the template is known. */
  async function resourcesForCost(c: AwsClients, targets: { name: string; stackId?: string }[]) {
    const all: PricedResource[] = []
    for (const t of targets) {
      try {
        for (const r of await c.cloudFormation.stackResources(t.stackId ?? t.name)) {
          const properties = templateResources.find(
            (d) => d.stack === t.name && d.logicalId === r.logicalId
          )?.properties
          all.push({ type: r.type, ...(properties ? { properties } : {}) })
        }
      } catch (err) {
        deps.log.debug(`No resources listed for ${t.name} (cost estimate): ${errorMessage(err)}`)
      }
    }
    return all
  }

  async function cancel(): Promise<void> {
    cancelled = true
    const saved = recorded
    const c = clients
    if (handedOver || !c || saved.names.length === 0 || saved.destroyed) return
    const signal = AbortSignal.timeout(1900)
    await Promise.all(
      saved.names.map(async (name, i) => {
        try {
          let id = saved.ids[name]
          if (!id) {
            const s = await c.cloudFormation.describeStack(name, signal)
            if (
              !s ||
              s.tags[TagKey.RunId] !== context.runId ||
              s.tags[TagKey.Repository] !== context.repository
            )
              return
            id = s.id
            // Recorded, so the destroy goes by StackId and reports the stack as existed-and-deleted.
            recorded.recordId(name, id)
          }
          await c.cloudFormation.deleteStack(id, { clientRequestToken: `${tokenBase}-c${i}` }, signal)
          deps.log.info(`Cancelled: DeleteStack issued for ${name}; the post step confirms it.`)
        } catch (err) {
          deps.log.warning(
            `Cancelled: DeleteStack for ${name} not issued (${errorMessage(err)}); the post step destroys it.`
          )
        }
      })
    )
  }

  function handOver(): boolean {
    if (!deployed || deployed.failure !== undefined || cancelled || recorded.names.length === 0) return false
    recorded.markHandedOver()
    handedOver = true
    return true
  }

  return {
    prepare,
    handOver,
    setup,
    teardown: () => (teardownOnce ??= teardown()),
    cancel,
    report: () => {
      const names = deployed?.names ?? recorded.names
      // An estimate made before the deploy is reported even when nothing was deployed (a refusal).
      if (names.length === 0 && destroyed.length === 0 && !estimate) {
        return { costLines, outputs: {} }
      }
      return {
        stacks: buildStackReport({
          region,
          accountMasked,
          deployed: deployed?.stacks ?? names.map((name) => ({ name })),
          destroyed,
          deployFailures: deployed?.failedResources ?? [],
          outputs: deployed?.outputs ?? {},
          ...(expiresAt ? { expiresAt } : {}),
          ...(estimate ? { estimate } : {}),
          prices: { date: opts.prices.date, origins: opts.prices.origins }
        }),
        costLines,
        outputs: deployed?.outputs ?? {}
      }
    }
  }
}

function preparationOf(outcome: DeployOutcome): TierPreparation {
  return {
    phases: outcome.phases,
    notes: outcome.notes,
    facts: {},
    ...(outcome.failure !== undefined ? { failure: outcome.failure } : {})
  }
}
