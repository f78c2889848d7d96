/**
 * What the integration tier says when LocalStack is the problem: what failed, why, and what to do about
 * it, as every failure message of the action does. Pure text, so that every message can be read and
 * tested on its own.
 */
import type { ContainerState } from '../ports.js'
import { FREE_IMAGE } from '../../core/localstack/image-policy.js'

/** LocalStack's exit code when the image needs an auth token (or refused the one it got). */
export const EXIT_NEEDS_TOKEN = 55

export interface ContainerFacts {
  name: string
  image: string
  tokenGiven: boolean
}

export function exitedMessage(state: ContainerState | undefined, c: ContainerFacts): string {
  if (!state) {
    return (
      `The LocalStack container ${c.name} (${c.image}) disappeared before LocalStack was ready: another step ` +
      `or process removed it. Do not remove containers named pyramid-localstack-* while the action runs.`
    )
  }
  if (state.exitCode === EXIT_NEEDS_TOKEN && !c.tokenGiven) {
    return (
      `LocalStack image ${c.image} exited ${EXIT_NEEDS_TOKEN}: it needs LOCALSTACK_AUTH_TOKEN. ` +
      `Set the localstack-auth-token input (from a secret), or pin localstack-image: ${FREE_IMAGE}, ` +
      `the last tag that starts without a token.`
    )
  }
  if (state.exitCode === EXIT_NEEDS_TOKEN) {
    return (
      `LocalStack image ${c.image} exited ${EXIT_NEEDS_TOKEN}: it refused the auth token from localstack-auth-token ` +
      `(expired, revoked, or without a license for this image). Renew the token, or pin localstack-image: ` +
      `${FREE_IMAGE}, the last tag that starts without a token. The container log below says more.`
    )
  }
  const why = state.oomKilled ? ' (killed: out of memory)' : state.error ? ` (${state.error})` : ''
  return (
    `The LocalStack container ${c.name} (${c.image}) exited with code ${state.exitCode}${why} before it was ready. ` +
    `The container log below says why; check localstack-services and the image.`
  )
}

export function timeoutMessage(
  endpoint: string,
  timeoutSeconds: number,
  lastSeen: string,
  c?: ContainerFacts
): string {
  if (c) {
    return (
      `LocalStack (container ${c.name}, ${c.image}) was not ready at ${endpoint} after ${timeoutSeconds} s: ${lastSeen}. ` +
      `The container log below shows how far it got; if it was still starting, raise localstack-timeout-seconds.`
    )
  }
  return (
    `LocalStack at ${endpoint} was not ready after ${timeoutSeconds} s: ${lastSeen}. ` +
    `Check that it is started before this step and that localstack-endpoint points at it, ` +
    `raise localstack-timeout-seconds, or set localstack: auto to let the action start it.`
  )
}

export function notLocalStackMessage(endpoint: string, how: string): string {
  return (
    `${endpoint} already ${how}, but it is not LocalStack (no /_localstack/health), so localstack: auto cannot ` +
    `start LocalStack on that port. Free the port, set localstack-endpoint to a free port, or set ` +
    `localstack: external to test against the server that is there.`
  )
}

export function forkSkipReason(image: string): string {
  return (
    `LocalStack image ${image} needs an auth token, and this pull request comes from a fork, which gets no ` +
    `secrets: the integration tier is skipped. To run it on fork pull requests, pin localstack-image: ` +
    `${FREE_IMAGE}, the last tag that starts without a token.`
  )
}

export function dockerFailedMessage(
  what: string,
  exitCode: number | null,
  tail: string[],
  hint: string
): string {
  const last = tail
    .filter((l) => l.trim())
    .slice(-3)
    .join(' ')
    .trim()
  const said = last ? `: ${last}` : ''
  return `${what} failed (exit ${exitCode ?? 'killed'})${said}${/[.?!]$/.test(said) ? '' : '.'} ${hint}`
}

export const NO_DOCKER_HINT =
  'localstack: auto needs Docker to start LocalStack and `docker` was not found or the Docker engine did not answer. ' +
  "GitHub's Linux runners have Docker; elsewhere start LocalStack (or another emulator) in an earlier step and set " +
  'localstack: external, or set localstack: off.'

export function runHint(tail: string[], name: string, port: number): string {
  const text = tail.join('\n')
  if (/port is already allocated|address already in use/i.test(text)) {
    return `Port ${port} is already in use: free it, or set localstack-endpoint to another port.`
  }
  if (/conflict|already in use by container/i.test(text)) {
    return `A container named ${name} already exists (left by an earlier run?): remove it with docker rm -f ${name}.`
  }
  return 'Check that the Docker engine runs and that localstack-image names an image it can start.'
}

export function setupCommandMessage(command: string, exitCode: number | null, signal?: string): string {
  return (
    `integration-setup-command \`${command}\` failed (${exitCode === null ? `killed by ${signal ?? 'a signal'}` : `exit ${exitCode}`}) ` +
    `after LocalStack was ready; the integration tests did not run. Its last lines are below: fix the command ` +
    `(it runs with the same LocalStack environment as the tests).`
  )
}
