/**
 * Files at the top of a branch through the Git Data API (no checkout, no contents API, so no 1 MB step):
 * read the branch's commit and tree, fetch blobs, and commit a set of changes in one commit whose ref
 * update is a compare-and-swap — the update is not forced, so GitHub refuses it (422) when the branch
 * moved since it was read, and the caller re-reads and tries again. A missing branch is created as an
 * orphan (a commit without parents); losing that race is a conflict too.
 */
import { errorMessage } from '../../core/error-message.js'
import { httpStatus, type Octokit } from './octokit.js'

export interface BranchRef {
  owner: string
  repo: string
  branch: string
}

export interface BranchSnapshot {
  /** The branch's commit, undefined when the branch does not exist. */
  head?: string
  tree?: string
  /** Blob sha by path, for the files at the top of the tree. */
  blobs: ReadonlyMap<string, string>
}

export async function readSnapshot(octokit: Octokit, ref: BranchRef): Promise<BranchSnapshot> {
  const repo = { owner: ref.owner, repo: ref.repo }
  let head: string
  try {
    head = (await octokit.rest.git.getRef({ ...repo, ref: `heads/${ref.branch}` })).data.object.sha
  } catch (e) {
    if (httpStatus(e) === 404) return { blobs: new Map() }
    throw e
  }
  const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: head })
  const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: commit.data.tree.sha })
  const blobs = new Map<string, string>()
  for (const e of tree.data.tree) if (e.type === 'blob' && e.path && e.sha) blobs.set(e.path, e.sha)
  return { head, tree: commit.data.tree.sha, blobs }
}

/** A blob's text, asked for in the raw media type (no base64, no JSON around it; up to 100 MB). */
export async function readBlob(octokit: Octokit, ref: BranchRef, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({
    owner: ref.owner,
    repo: ref.repo,
    file_sha: sha,
    mediaType: { format: 'raw' }
  })
  if (typeof data !== 'string') throw new Error(`blob ${sha} did not come back raw`)
  return data
}

/**
 * One commit on top of `base` with the given files written (text) or deleted (null). A conflict: the
 * branch moved (or was created) since `base` was read, and nothing was changed; `why` is GitHub's words.
 */
export async function commitFiles(
  octokit: Octokit,
  ref: BranchRef,
  base: BranchSnapshot,
  changes: ReadonlyMap<string, string | null>,
  message: string
): Promise<{ committed: true } | { committed: false; why: string }> {
  const repo = { owner: ref.owner, repo: ref.repo }
  const entries = await Promise.all(
    [...changes].map(async ([path, text]) => {
      const sha =
        text === null
          ? null
          : (await octokit.rest.git.createBlob({ ...repo, content: text, encoding: 'utf-8' })).data.sha
      return { path, mode: '100644' as const, type: 'blob' as const, sha }
    })
  )
  const tree = await octokit.rest.git.createTree({
    ...repo,
    tree: base.tree ? entries : entries.filter((e) => e.sha !== null),
    ...(base.tree ? { base_tree: base.tree } : {})
  })
  const commit = await octokit.rest.git.createCommit({
    ...repo,
    message,
    tree: tree.data.sha,
    parents: base.head ? [base.head] : []
  })
  try {
    if (base.head)
      await octokit.rest.git.updateRef({
        ...repo,
        ref: `heads/${ref.branch}`,
        sha: commit.data.sha,
        force: false
      })
    else await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${ref.branch}`, sha: commit.data.sha })
    return { committed: true }
  } catch (e) {
    const status = httpStatus(e)
    if (status === 422 || status === 409)
      return { committed: false, why: `HTTP ${status}: ${errorMessage(e)}` }
    throw e
  }
}
