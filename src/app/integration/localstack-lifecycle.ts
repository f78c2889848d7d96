/**
 * The integration tier's lifecycle: LocalStack found, or started (every requested service loaded before
 * the tests) and watched until ready — its prepare phase, which may run while the unit tier runs —, then
 * integration-setup-command, the command isolated from any real AWS account, and the container the action started — with the Lambda containers
 * LocalStack started beside it — always stopped and removed (at teardown, on cancel, and by post as a
 * backstop).
 */
import type { Phase } from '../../core/results/run.js'
import type { Inputs } from '../../inputs/types.js'
import type { Clock, DockerCliFactory, HealthClient, Log, Shell, StateStore, Workspace } from '../ports.js'
import { oldSdkNotes } from '../tiers/old-sdk-notes.js'
import { StateKey } from '../state-keys.js'
import type { PrepareScope } from '../../core/pipeline/preparation.js'
import type { TierLifecycle, TierPreparation, TierSetup, TierTeardown } from '../tier-lifecycle.js'
import { removeContainer, type Removal } from './container-removal.js'
import { containerEnv, localStackSettings } from './localstack-settings.js'
import { containerName, endpointPort, startContainer } from './container-start.js'
import { forkSkipReason, notLocalStackMessage, setupCommandMessage } from './failure-messages.js'
import { needsAuthToken } from '../../core/localstack/image-policy.js'
import { applyEnvChanges } from '../../core/env-changes.js'
import { isolationEnv } from './isolation-env.js'
import { awaitReadiness, type ReadyContext } from './ready-phase.js'
import { REQUEST_TIMEOUT_MS } from './readiness.js'

export { removeLocalStackFromState } from './container-removal.js'

/** Stop grace after a cancel: the runner kills the job 10 s after it, and post removes what is left. */
const CANCELLED_STOP_GRACE_SECONDS = 3

export interface IntegrationDeps {
  /** For integration-setup-command. */
  shell: Shell
  docker: DockerCliFactory
  health: HealthClient
  clock: Clock
  log: Log
  state: StateStore
  /** The project's files, read for SDKs too old to honour AWS_ENDPOINT_URL (tiers/old-sdk-notes.ts). */
  files?: Workspace
}

export interface IntegrationOptions {
  integration: Inputs['integration']
  workingDirectory: string
  runId: string
  runAttempt: number
  isFork: boolean
  baseEnv: Record<string, string | undefined>
  awsRegion?: string
}

export function createIntegrationLifecycle(deps: IntegrationDeps, opts: IntegrationOptions): TierLifecycle {
  const cfg = opts.integration
  const endpoint = cfg.localstackEndpoint.replace(/\/+$/, '')
  const token = cfg.localstackAuthToken || undefined
  const redact = (text: string) => (token ? text.split(token).join('***') : text)
  // The token reaches `docker run` only through the docker client's environment (`-e LOCALSTACK_AUTH_TOKEN`).
  const docker = deps.docker(
    opts.workingDirectory,
    token ? { ...opts.baseEnv, LOCALSTACK_AUTH_TOKEN: token } : opts.baseEnv
  )
  const { health } = deps
  const settings = localStackSettings(cfg.localstackServices, opts.baseEnv)
  const cancelled = new AbortController()
  let container: string | undefined
  let removal: Promise<{ removal: Removal; startedAt: number; durationMs: number }> | undefined

  const remove = (name: string) =>
    (removal ??= (async () => {
      const started = deps.clock.now()
      const grace = cancelled.signal.aborted ? CANCELLED_STOP_GRACE_SECONDS : settings.stopGraceSeconds
      const result = await removeContainer(docker, name, grace)
      if (result.ok) deps.state.save(StateKey.LocalStackRemoved, name)
      return { removal: result, startedAt: started, durationMs: deps.clock.now() - started }
    })())

  let ready: Promise<TierPreparation> | undefined

  /** LocalStack found, or started and awaited: the part of setup that may run while the unit tier runs. */
  const prepare = (_scope: PrepareScope, runSignal: AbortSignal) => (ready ??= readyLocalStack(runSignal))

  async function readyLocalStack(runSignal: AbortSignal): Promise<TierPreparation> {
    if (token) deps.log.mask(token)
    const signal = AbortSignal.any([runSignal, cancelled.signal])
    const result: TierPreparation = { phases: [], notes: [], facts: { 'LocalStack endpoint': endpoint } }
    if (deps.files) result.notes.push(...(await oldSdkNotes(deps.files, opts.workingDirectory)))
    const ctx: ReadyContext = {
      deps: { health, clock: deps.clock, log: deps.log, docker },
      cfg,
      settings,
      endpoint,
      redact,
      signal
    }

    if (cfg.localstack === 'off') {
      result.facts.LocalStack = 'off (not started or checked by the action)'
      result.notes.push({
        level: 'info',
        text: `localstack: off — the action neither started nor checked LocalStack; the command still gets the isolated AWS environment pointing at ${endpoint}.`
      })
    } else if (cfg.localstack === 'external') {
      await awaitReadiness(ctx, result, { acceptOtherServer: true, readyWhen: 'available', how: 'external' })
    } else {
      await setupAuto(ctx, result)
    }
    return result
  }

  /** After LocalStack is ready: integration-setup-command; without a preparation ahead, all of setup. */
  async function setup(runSignal: AbortSignal): Promise<TierSetup> {
    const ahead = ready !== undefined
    const readied = await prepare('full', runSignal)
    const result: TierSetup = {
      env: isolationEnv(opts.baseEnv, endpoint, opts.awsRegion),
      ...(ahead
        ? { phases: [], notes: [], facts: {} }
        : { ...readied, phases: [...readied.phases], notes: [...readied.notes], facts: { ...readied.facts } })
    }
    if (readied.failure === undefined && readied.skippedReason === undefined && cfg.setupCommand) {
      await runSetupCommand(cfg.setupCommand, result, AbortSignal.any([runSignal, cancelled.signal]))
    }
    return result
  }

  /** auto: use a LocalStack that already answers; otherwise start one (unless a fork cannot). */
  async function setupAuto(ctx: ReadyContext, result: TierPreparation): Promise<void> {
    const first = await health.probe(endpoint, REQUEST_TIMEOUT_MS, ctx.signal)
    if (ctx.signal.aborted) {
      result.failure = `cancelled before LocalStack was started at ${endpoint}`
    } else if (first.kind === 'localstack') {
      await awaitReadiness(ctx, result, {
        acceptOtherServer: false,
        readyWhen: 'available',
        how: 'already running (not started by the action)'
      })
    } else if (first.kind !== 'down') {
      const how = first.kind === 'http' ? `answers HTTP ${first.status}` : 'accepts connections'
      result.failure = notLocalStackMessage(endpoint, how)
    } else if (opts.isFork && !token && needsAuthToken(cfg.localstackImage)) {
      result.skippedReason = forkSkipReason(cfg.localstackImage)
    } else {
      const name = containerName(opts.runId, opts.runAttempt)
      result.facts['LocalStack image'] = cfg.localstackImage
      const start = await startContainer(
        { docker, state: deps.state, clock: deps.clock, log: deps.log },
        {
          name,
          image: cfg.localstackImage,
          hostPort: endpointPort(endpoint),
          env: containerEnv(settings, name),
          envFromClient: token ? ['LOCALSTACK_AUTH_TOKEN'] : [],
          volumes: ['/var/run/docker.sock:/var/run/docker.sock']
        },
        ctx.signal
      )
      result.phases.push(...start.phases)
      if (start.runAttempted) container = name
      if (start.failure) result.failure = redact(start.failure)
      else {
        await awaitReadiness(ctx, result, {
          acceptOtherServer: false,
          readyWhen: settings.eager ? 'running' : 'available',
          how: `started by the action (container ${name})`,
          container: { name, image: cfg.localstackImage, tokenGiven: token !== undefined }
        })
      }
    }
  }

  async function runSetupCommand(command: string, result: TierSetup, signal: AbortSignal): Promise<void> {
    const started = deps.clock.now()
    const run = await deps.log.group(`integration-setup-command: ${command}`, () =>
      deps.shell.run(command, {
        cwd: opts.workingDirectory,
        env: applyEnvChanges(opts.baseEnv, result.env),
        signal
      })
    )
    const phase: Phase = {
      name: 'setup-command',
      kind: 'setup',
      startedAt: started,
      durationMs: deps.clock.now() - started,
      ok: run.exitCode === 0
    }
    result.phases.push(phase)
    if (run.exitCode === 0) return
    result.failure = redact(setupCommandMessage(command, run.exitCode, run.signal))
    result.notes.push({
      level: 'error',
      text: redact(`integration-setup-command output (last lines):\n${run.tail.join('\n')}`)
    })
  }

  return {
    prepare,
    setup,
    async teardown(): Promise<TierTeardown> {
      if (!container) return { phases: [], notes: [], facts: {} }
      const { removal: r, startedAt, durationMs } = await remove(container)
      return {
        phases: [
          { name: 'remove', kind: 'teardown', startedAt, durationMs, ok: r.ok, detail: redact(r.detail) }
        ],
        notes: r.ok ? [] : [{ level: 'warning', text: redact(`${r.detail} The post step will try again.`) }],
        facts: {}
      }
    },
    // Nothing here costs money or touches an account: cancel only stops the wait; teardown (which the
    // tier runner always calls after setup) removes the container once `docker run` has returned.
    async cancel() {
      cancelled.abort()
    }
  }
}
