/**
 * The few Docker commands the LocalStack lifecycle needs, run through the Shell (so tests put a `docker`
 * stand-in first on PATH). Secrets are passed to `docker run` by variable NAME (`-e NAME`), with the
 * value only in the docker client's environment: it never appears in an argument list or a log.
 */
import {
  isNoSuchContainer,
  type ContainerState,
  type DockerCli,
  type DockerOutcome,
  type Shell,
  type ShellResult
} from '../../app/ports.js'
import { errorMessage } from '../../core/error-message.js'
import { shellQuote } from '../../core/shell-quote.js'

export function createDockerCli(
  shell: Shell,
  cwd: string,
  env: Record<string, string | undefined>
): DockerCli {
  const docker = async (
    args: string[],
    signal?: AbortSignal,
    keep: (line: string) => boolean = () => true
  ) => {
    const stdout: string[] = []
    const result = await shell.run(['docker', ...args].map(shellQuote).join(' '), {
      cwd,
      env,
      echo: false,
      ...(signal ? { signal } : {}),
      onLine: (line, stream) => {
        if (stream === 'stdout' && keep(line)) stdout.push(line)
      }
    })
    return { result, stdout }
  }
  return {
    async imagePresent(image) {
      const { result } = await docker(['image', 'inspect', '--format', '{{.Id}}', image])
      return result.exitCode === 0
    },
    async pull(image, signal) {
      return outcome((await docker(['pull', image], signal)).result)
    },
    async run(spec, signal) {
      const args = ['run', '-d', '--name', spec.name, '-p', `${spec.hostPort}:4566`]
      for (const [k, v] of Object.entries(spec.env)) args.push('-e', `${k}=${v}`)
      for (const k of spec.envFromClient) args.push('-e', k)
      for (const v of spec.volumes) args.push('-v', v)
      args.push(spec.image)
      return outcome((await docker(args, signal)).result)
    },
    async inspect(name, signal) {
      const args = ['inspect', '--type', 'container', '--format', '{{json .State}}', name]
      const { result, stdout } = await docker(args, signal)
      if (result.exitCode !== 0) {
        if (isNoSuchContainer(result.tail)) return undefined
        throw new Error(
          `docker inspect ${name} failed (exit ${result.exitCode}): ${result.tail.join(' ').trim()}`
        )
      }
      return parseState(stdout.join('\n'), name)
    },
    async logsTail(name, lines) {
      const { result } = await docker(['logs', '--tail', String(lines), name])
      return result.tail.slice(-lines)
    },
    async logLinesMatching(name, pattern) {
      const matching: string[] = []
      await shell.run(['docker', 'logs', name].map(shellQuote).join(' '), {
        cwd,
        env,
        echo: false,
        // A container's stdout and stderr come back on docker's stdout and stderr: read both.
        onLine: (line) => {
          if (pattern.test(line)) matching.push(line)
        }
      })
      return matching
    },
    async stop(name, graceSeconds) {
      return outcome((await docker(['stop', '-t', String(graceSeconds), name])).result)
    },
    async containerIds(nameRegexp) {
      const { result, stdout } = await docker(['ps', '-aq', '--filter', `name=${nameRegexp}`])
      return {
        ok: result.exitCode === 0,
        ids: stdout.map((l) => l.trim()).filter(Boolean),
        outcome: outcome(result)
      }
    },
    async remove(refs) {
      return outcome((await docker(['rm', '--force', '--volumes', ...refs])).result)
    }
  }
}

function outcome(r: ShellResult): DockerOutcome {
  return { ok: r.exitCode === 0, exitCode: r.exitCode, durationMs: r.durationMs, tail: r.tail }
}

function parseState(json: string, name: string): ContainerState {
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(json) as Record<string, unknown>
  } catch (err) {
    throw new Error(
      `docker inspect ${name} printed something that is not JSON (${errorMessage(err)}): ${json}`
    )
  }
  return {
    status: typeof raw.Status === 'string' ? raw.Status : 'unknown',
    running: raw.Running === true,
    exitCode: typeof raw.ExitCode === 'number' ? raw.ExitCode : 0,
    oomKilled: raw.OOMKilled === true,
    error: typeof raw.Error === 'string' ? raw.Error : ''
  }
}
