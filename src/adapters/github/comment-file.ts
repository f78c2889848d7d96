/**
 * pyramid-comment.json on disk: written by a pull request's run whose token cannot comment, read (bounded,
 * regular files only) by mode publish. The content is checked by core/comment/fork-run-check.ts.
 */
import { lstat, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CommentFiles } from '../../app/ports.js'
import { FORK_DATA_FILE, FORK_LIMITS } from '../../core/comment/fork-run-data.js'

export const commentFiles: CommentFiles = {
  write: (reportPath, json) => writeCommentFile(reportPath, json),
  read: (workingDirectory) => readCommentFile(workingDirectory)
}

/** Writes the data next to the report file; returns the path written. */
export async function writeCommentFile(reportPath: string, json: string): Promise<string> {
  const file = path.join(path.dirname(reportPath), FORK_DATA_FILE)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, json, 'utf8')
  return file
}

export async function readCommentFile(workingDirectory: string): Promise<string> {
  const file = path.join(workingDirectory, FORK_DATA_FILE)
  let info
  try {
    info = await lstat(file)
  } catch (e) {
    throw new Error(
      `mode publish found no ${FORK_DATA_FILE} in ${workingDirectory} (${(e as Error).message}): download the "pyramid-comment" artifact of the triggering run into the working directory first (see workflows/publish-comment.yml).`
    )
  }
  if (!info.isFile())
    throw new Error(
      `${file} is not a regular file (a link or a folder): refused, it comes from an untrusted run.`
    )
  if (info.size > FORK_LIMITS.fileBytes) {
    throw new Error(
      `${file} is ${info.size} bytes, over the ${FORK_LIMITS.fileBytes}-byte bound for a pull request's data: refused.`
    )
  }
  return readFile(file, 'utf8')
}
