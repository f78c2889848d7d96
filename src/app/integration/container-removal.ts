/**
 * Stops and removes the LocalStack container the action started, and the Lambda containers LocalStack
 * started beside it: at the end of main, on cancel, and again in the post step when main did not confirm
 * it (a crash, a kill). Idempotent: a container that is already gone counts as removed.
 * LocalStack starts each Lambda function in a sibling container on the host's engine, named
 * `<main container>-lambda-<function>-<id>` (services/lambda_/invocation/docker_runtime_executor.py), and
 * stops those itself on shutdown — with `docker stop --time 5` each, inside a 5 s window
 * (lambda_service.py) — so a shutdown cut short leaves them running (on a self-hosted runner they keep
 * running and holding ports). After the main container stopped, whatever still matches is removed.
 */
import {
  isNoSuchContainer,
  type DockerCli,
  type DockerCliFactory,
  type Log,
  type StateStore
} from '../ports.js'
import { StateKey } from '../state-keys.js'
import { dockerFailedMessage } from './failure-messages.js'
import { localStackSettings } from './localstack-settings.js'

export interface Removal {
  ok: boolean
  /** What happened, for the teardown phase and the log. */
  detail: string
}

/** The `docker ps --filter name=` regular expression of the Lambda containers of container `name`. */
function lambdaContainersPattern(name: string): string {
  return `^${name.replace(/[.]/g, '\\.')}-lambda-`
}

export async function removeContainer(
  docker: DockerCli,
  name: string,
  graceSeconds: number
): Promise<Removal> {
  const stop = await docker.stop(name, graceSeconds)
  const mainGone = !stop.ok && isNoSuchContainer(stop.tail)
  const lambdas = await removeLambdaContainers(docker, name)
  if (!lambdas.ok) return lambdas
  const alsoLambdas = lambdas.detail
  if (mainGone) return { ok: true, detail: `container ${name} was already gone${alsoLambdas}` }
  const rm = await docker.remove([name])
  if (rm.ok) return { ok: true, detail: `stopped and removed container ${name}${alsoLambdas}` }
  if (isNoSuchContainer(rm.tail))
    return { ok: true, detail: `container ${name} was already gone${alsoLambdas}` }
  return {
    ok: false,
    detail: dockerFailedMessage(
      `docker rm --force --volumes ${name}`,
      rm.exitCode,
      rm.tail,
      `The LocalStack container may still run; remove it with docker rm -f ${name}.`
    )
  }
}

/** Removes `<name>-lambda-*`; the detail is `''` or `, and its 2 Lambda containers`. */
async function removeLambdaContainers(docker: DockerCli, name: string): Promise<Removal> {
  const pattern = lambdaContainersPattern(name)
  const listed = await docker.containerIds(pattern)
  const hint = `LocalStack's Lambda containers may still run; remove them with docker rm -f $(docker ps -aq --filter name=${pattern}).`
  if (!listed.ok) {
    const { exitCode, tail } = listed.outcome
    return {
      ok: false,
      detail: dockerFailedMessage(`docker ps -aq --filter name=${pattern}`, exitCode, tail, hint)
    }
  }
  if (listed.ids.length === 0) return { ok: true, detail: '' }
  const rm = await docker.remove(listed.ids)
  const count = `${listed.ids.length} Lambda container${listed.ids.length === 1 ? '' : 's'}`
  if (rm.ok || isNoSuchContainer(rm.tail)) return { ok: true, detail: `, and its ${count}` }
  return {
    ok: false,
    detail: dockerFailedMessage(
      `docker rm --force --volumes (${count} of ${name})`,
      rm.exitCode,
      rm.tail,
      hint
    )
  }
}

/**
 * For the post step: removes the container main saved in state (and its Lambda containers), unless main
 * already removed them or never started one. Never throws; a container it cannot remove is a warning (the
 * runner is usually discarded anyway; on a self-hosted runner it would keep its port).
 */
export async function removeLocalStackFromState(
  deps: { docker: DockerCliFactory; state: StateStore; log: Log },
  opts: { env: Record<string, string | undefined>; cwd: string }
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
  const docker = deps.docker(opts.cwd, opts.env)
  // The step's environment is main's: the same SHUTDOWN_TIMEOUT, so the same grace.
  const removal = await removeContainer(docker, name, localStackSettings([], opts.env).stopGraceSeconds)
  if (removal.ok) deps.log.info(`post: ${removal.detail} (main had not removed it)`)
  else deps.log.warning(`post: ${removal.detail}`)
}
