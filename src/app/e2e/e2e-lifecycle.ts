/**
 * The e2e tier around its command: preflight (account guard), names and ownership, state before side
 * effects, deploy (StackIds recorded as they appear), outputs to the command; teardown destroys, cancel
 * issues DeleteStack at once. report() gives RunReport.stacks and the stack's cost lines.
 */
import { errorMessage } from '../../core/error-message.js'
import { awsEnvChanges, resolveRegion } from './aws-environment.js'
import { applyEnvChanges } from '../../core/env-changes.js'
import type { RunContext } from '../../core/context.js'
import type { CostLine, StackReport } from '../../core/results/report.js'
import type { Phase, TierNote } from '../../core/results/run.js'
import { checkAccount, maskAccount } from '../../core/stacks/account.js'
import { estimateStackCost, type PriceTable } from '../../core/stacks/cost.js'
import { assertValidPrefix, runPrefix } from '../../core/stacks/naming.js'
import { stackTags, tagsAsEnv, TagKey } from '../../core/stacks/tags.js'
import type { Inputs } from '../../inputs/types.js'
import type { TierLifecycle, TierSetup, TierTeardown } from '../tier-lifecycle.js'
import type { AwsClients, AwsClientsFactory, Clock, Log, Shell, StateStore, Workspace } from '../ports.js'
import { deployStacks, type DeployOutcome } from './deploy-stacks.js'
import { destroyStacks, newTokenBase, type StackDestroyResult } from './destroy.js'
import { shippedPriceTable } from './prices.js'
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
  /** How to run the CDK CLI (default `npx cdk`). */
  cdkCommand?: string
  /** Price table for the stack estimate (default: the shipped us-east-1 table). */
  prices?: PriceTable
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
  const owner = { repository: context.repository, runId: context.runId }
  const expiresAt = stackTags(context, opts.instance, opts.now, e2e.stackTtlMinutes)[TagKey.ExpiresAt]

  async function setup(signal: AbortSignal): Promise<TierSetup> {
    const phases: Phase[] = []
    const notes: TierNote[] = []
    const facts: Record<string, string> = {}
    const fail = (failure: string): TierSetup => ({ env: {}, phases, notes, facts, failure })
    try {
      const started = deps.clock.now()
      region = resolveRegion(e2e.awsRegion, opts.baseEnv)
      const endpointUrl = e2e.awsEndpointUrl
      clients = await deps.aws({ region, ...(endpointUrl ? { endpointUrl } : {}) })
      const identity = await clients.sts.callerIdentity(signal)
      accountMasked = maskAccount(identity.account)
      facts.account = accountMasked
      facts.region = region
      if (endpointUrl) facts.endpoint = endpointUrl
      const verdict = checkAccount(identity.account, e2e.allowedAccountIds, e2e.forbiddenAccountIds)
      phases.push({
        name: 'preflight',
        kind: 'setup',
        durationMs: deps.clock.now() - started,
        ok: verdict.ok
      })
      if (!verdict.ok) return fail(verdict.reason ?? 'account refused')

      const prefix = runPrefix(e2e.stackPrefix, opts.instance, context.runId, context.runAttempt)
      assertValidPrefix(prefix)
      facts.prefix = prefix
      const tags = stackTags(context, opts.instance, opts.now, e2e.stackTtlMinutes)
      const envChanges = awsEnvChanges(opts.baseEnv, { region, ...(endpointUrl ? { endpointUrl } : {}) })
      const stackEnv = { PYRAMID_STACK_PREFIX: prefix, PYRAMID_STACK_TAGS: tagsAsEnv(tags) }
      deployed = await deployStacks(
        {
          shell: deps.shell,
          clock: deps.clock,
          log: deps.log,
          files: deps.files,
          recorded,
          cfn: clients.cloudFormation
        },
        {
          e2e,
          prefix,
          tags,
          owner,
          region,
          accountMasked,
          expiresAt: tags[TagKey.ExpiresAt] ?? '',
          ...(endpointUrl ? { endpointUrl } : {}),
          workingDirectory: opts.workingDirectory,
          cdkCommand: opts.cdkCommand ?? 'npx cdk',
          env: applyEnvChanges(opts.baseEnv, { ...envChanges, ...stackEnv }),
          signal
        }
      )
      phases.push(...deployed.phases)
      notes.push(...deployed.notes)
      facts.stacks = deployed.names.join(', ')
      if (deployed.failure) return fail(deployed.failure)
      return {
        env: {
          ...envChanges,
          ...stackEnv,
          PYRAMID_STACK_NAMES: deployed.names.join(','),
          PYRAMID_OUTPUTS_FILE: deployed.outputsFile,
          ...deployed.outputsEnv
        },
        phases,
        notes,
        facts
      }
    } catch (err) {
      return fail(errorMessage(err))
    }
  }

  async function teardown(): Promise<TierTeardown> {
    const saved = recorded
    if (saved.names.length === 0 || saved.destroyed || !clients) return { phases: [], notes: [], facts: {} }
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
    costLines = estimateStackCost(resources, lifetime, opts.prices ?? shippedPriceTable(), region)
    const leaked = destroyed.flatMap((d) => d.leaked)
    const notes: TierNote[] = leaked.map((r) => ({
      level: 'warning',
      text: `Left behind by the destroy, still billing: ${r.type} ${r.physicalId ?? r.logicalId} (stack ${r.stackName}).`
    }))
    return {
      phases: [{ name: 'destroy', kind: 'teardown', durationMs: deps.clock.now() - started, ok: !failure }],
      notes,
      facts: { destroyed: destroyed.map((d) => `${d.name}: ${d.finalStatus}`).join(', ') },
      ...(failure ? { failure } : {})
    }
  }

  async function resourcesForCost(c: AwsClients, targets: { name: string; stackId?: string }[]) {
    const all: { type: string }[] = []
    for (const t of targets) {
      try {
        all.push(...(await c.cloudFormation.stackResources(t.stackId ?? t.name)))
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
    if (!c || saved.names.length === 0 || saved.destroyed) return
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

  return {
    setup,
    teardown: () => (teardownOnce ??= teardown()),
    cancel,
    report: () => {
      const names = deployed?.names ?? recorded.names
      if (names.length === 0 && destroyed.length === 0) {
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
          ...(expiresAt ? { expiresAt } : {})
        }),
        costLines,
        outputs: deployed?.outputs ?? {}
      }
    }
  }
}
