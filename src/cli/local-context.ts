/**
 * The run context for a developer's machine: the event to simulate, with a payload shaped like GitHub's
 * (only the fields tier selection reads), so the CLI plans exactly as the action would in CI.
 */
import type { RunContext } from '../core/context.js'
import type { CliArgs } from './args.js'

export interface GitFacts {
  branch?: string
  sha?: string
  repository?: string
  /** `git symbolic-ref refs/remotes/origin/HEAD` (the remote's default branch), without `origin/`. */
  remoteHead?: string
  /** `git config init.defaultBranch`. */
  initDefaultBranch?: string
}

/** The repository's default branch as the CLI takes it, and where from (the run log says so). */
export function defaultBranchOf(
  args: Pick<CliArgs, 'defaultBranch'>,
  git: GitFacts
): { name: string; from: string } {
  if (args.defaultBranch !== undefined) return { name: args.defaultBranch, from: '--default-branch' }
  if (git.remoteHead) return { name: git.remoteHead, from: 'refs/remotes/origin/HEAD' }
  if (git.initDefaultBranch) return { name: git.initDefaultBranch, from: 'git config init.defaultBranch' }
  return { name: 'main', from: 'neither origin/HEAD nor init.defaultBranch is set; pass --default-branch' }
}

export function localContext(args: CliArgs, git: GitFacts, runId: string): RunContext {
  const repository = git.repository ?? 'local/repository'
  const defaultBranch = defaultBranchOf(args, git).name
  const branch = args.branch ?? git.branch ?? defaultBranch
  const repo = { full_name: repository, default_branch: defaultBranch }
  const forkRepo = {
    full_name: `someone-else/${repository.split('/')[1] ?? 'repository'}`,
    default_branch: defaultBranch
  }
  const sha = git.sha ?? '0000000000000000000000000000000000000000'
  const payloads: Record<string, Record<string, unknown>> = {
    push: { ref: `refs/heads/${branch}`, deleted: false, repository: repo },
    pull_request: {
      action: 'synchronize',
      number: 1,
      pull_request: {
        number: 1,
        head: { ref: branch, sha, repo: args.fork ? forkRepo : repo },
        base: { ref: defaultBranch, repo }
      },
      repository: repo
    },
    merge_group: {
      merge_group: { head_sha: sha, base_ref: `refs/heads/${defaultBranch}` },
      repository: repo
    },
    workflow_dispatch: { ref: `refs/heads/${branch}`, repository: repo },
    schedule: { schedule: '0 3 * * *', repository: repo }
  }
  const event = args.fork ? 'pull_request' : args.event
  return {
    eventName: event,
    payload: payloads[event] ?? { repository: repo },
    repository,
    sha,
    ref: event === 'pull_request' ? 'refs/pull/1/merge' : `refs/heads/${branch}`,
    runId,
    runAttempt: 1,
    // No GitHub server: reports say "local run" and link nothing (no invented run or file URLs).
    serverUrl: '',
    job: 'local',
    workflow: 'local',
    runnerOs: 'Linux',
    runnerArch: 'X64'
  }
}
