/**
 * Starts LocalStack for localstack: auto — pulls the image (timed as its own setup phase), saves the
 * container name to the action's state BEFORE `docker run` (so post can remove it whatever happens
 * next), then starts it detached with the endpoint's port published to 4566.
 */
import type { Phase } from '../../core/results/run.js'
import {
  COMMAND_NOT_FOUND,
  type Clock,
  type DockerCli,
  type DockerOutcome,
  type Log,
  type RunSpec,
  type StateStore
} from '../ports.js'
import { StateKey } from '../state-keys.js'
import { dockerFailedMessage, NO_DOCKER_HINT, runHint } from './failure-messages.js'

export interface StartDeps {
  docker: DockerCli
  state: StateStore
  clock: Clock
  log: Log
}

export interface StartResult {
  phases: Phase[]
  /** `docker run` was called (the name is in the state): teardown must remove the container. */
  runAttempted: boolean
  /** Set when the container could not be started. */
  failure?: string
}

/** `pyramid-localstack-<runId>-<attempt>`, in the characters Docker allows in a name. */
export function containerName(runId: string, runAttempt: number): string {
  return `pyramid-localstack-${runId}-${runAttempt}`.replace(/[^A-Za-z0-9_.-]/g, '-')
}

/** The port LocalStack is published on: the endpoint's own port. */
export function endpointPort(endpoint: string): number {
  const url = new URL(endpoint)
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80))
}

export async function startContainer(
  deps: StartDeps,
  spec: RunSpec,
  signal: AbortSignal
): Promise<StartResult> {
  const phases: Phase[] = []
  const pulled = deps.clock.now()
  if (await deps.docker.imagePresent(spec.image)) {
    phases.push({
      name: 'pull',
      kind: 'setup',
      startedAt: pulled,
      durationMs: deps.clock.now() - pulled,
      ok: true,
      detail: 'image already present'
    })
  } else {
    deps.log.info(`Pulling ${spec.image}`)
    const pull = await deps.docker.pull(spec.image, signal)
    phases.push({
      name: 'pull',
      kind: 'setup',
      startedAt: pulled,
      durationMs: deps.clock.now() - pulled,
      ok: pull.ok,
      detail: spec.image
    })
    if (!pull.ok) {
      const hint = noDocker(pull)
        ? NO_DOCKER_HINT
        : `Check that localstack-image (${spec.image}) exists and the runner can reach its registry.`
      return {
        phases,
        runAttempted: false,
        failure: dockerFailedMessage(`docker pull ${spec.image}`, pull.exitCode, pull.tail, hint)
      }
    }
  }

  deps.state.save(StateKey.LocalStackContainer, spec.name)
  deps.log.info(
    `Starting LocalStack: container ${spec.name} from ${spec.image}, port ${spec.hostPort} → 4566`
  )
  const started = deps.clock.now()
  const run = await deps.docker.run(spec, signal)
  phases.push({
    name: 'start',
    kind: 'setup',
    startedAt: started,
    durationMs: deps.clock.now() - started,
    ok: run.ok,
    detail: spec.name
  })
  if (!run.ok) {
    const hint =
      run.exitCode === COMMAND_NOT_FOUND ? NO_DOCKER_HINT : runHint(run.tail, spec.name, spec.hostPort)
    return {
      phases,
      runAttempted: true,
      failure: dockerFailedMessage(`docker run ${spec.image}`, run.exitCode, run.tail, hint)
    }
  }
  return { phases, runAttempted: true }
}

/** No docker client, or no engine behind it. */
function noDocker(o: DockerOutcome): boolean {
  return (
    o.exitCode === COMMAND_NOT_FOUND || o.tail.some((l) => /cannot connect to the docker daemon/i.test(l))
  )
}
