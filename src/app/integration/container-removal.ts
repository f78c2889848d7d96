/**
 * Stops and removes the LocalStack container the action started: at the end of main, on cancel, and
 * again in the post step when main did not confirm it (a crash, a kill). Idempotent: a container that
 * is already gone counts as removed.
 */
import { createDockerCli, isNoSuchContainer, type DockerCli } from '../../adapters/localstack/docker-cli.js'
import type { Log, Shell, StateStore } from '../ports.js'
import { StateKey } from '../state-keys.js'
import { dockerFailedMessage } from './failure-messages.js'

/** Seconds LocalStack gets to shut down (and remove the Lambda containers it started) before it is killed. */
export const STOP_GRACE_SECONDS = 5

export interface Removal {
  ok: boolean
  /** What happened, for the teardown phase and the log. */
  detail: string
}

export async function removeContainer(docker: DockerCli, name: string): Promise<Removal> {
  const stop = await docker.stop(name, STOP_GRACE_SECONDS)
  if (!stop.ok && isNoSuchContainer(stop.tail))
    return { ok: true, detail: `container ${name} was already gone` }
  const rm = await docker.remove(name)
  if (rm.ok) return { ok: true, detail: `stopped and removed container ${name}` }
  if (isNoSuchContainer(rm.tail)) return { ok: true, detail: `container ${name} was already gone` }
  return {
    ok: false,
    detail: dockerFailedMessage(
      `docker rm --force ${name}`,
      rm.exitCode,
      rm.tail,
      `The LocalStack container may still run; remove it with docker rm -f ${name}.`
    )
  }
}

/**
 * For the post step: removes the container main saved in state, unless main already removed it or
 * never started one. Never throws; a container it cannot remove is a warning (the runner is usually
 * discarded anyway; on a self-hosted runner it would keep its port).
 */
export async function removeLocalStackFromState(
  deps: { shell: Shell; state: StateStore; log: Log },
  opts: { env?: Record<string, string | undefined>; cwd?: string } = {}
): Promise<void> {
  const name = deps.state.get(StateKey.LocalStackContainer)
  if (!name) {
    deps.log.debug('post: main started no LocalStack container, nothing to remove')
    return
  }
  if (deps.state.get(StateKey.LocalStackRemoved) === name) {
    deps.log.debug(`post: main already removed the LocalStack container ${name}`)
    return
  }
  const docker = createDockerCli(deps.shell, opts.cwd ?? process.cwd(), opts.env ?? process.env)
  const removal = await removeContainer(docker, name)
  if (removal.ok) deps.log.info(`post: ${removal.detail} (main had not removed it)`)
  else deps.log.warning(`post: ${removal.detail}`)
}
