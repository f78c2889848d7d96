/** pyramid-comment.json on disk: written by a fork run, read (bounded, regular files only) by mode publish. */
import { lstat, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  parsePublishRequest,
  PUBLISH_FILE,
  PUBLISH_FILE_MAX_BYTES,
  serializePublishRequest,
  type PublishRequest
} from '../../core/comment/publish-request.js'

/** Writes the request next to the report file; returns the path written. */
export async function writeCommentFile(reportPath: string, request: PublishRequest): Promise<string> {
  const file = path.join(path.dirname(reportPath), PUBLISH_FILE)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, serializePublishRequest(request), 'utf8')
  return file
}

export async function readCommentFile(workingDirectory: string): Promise<PublishRequest> {
  const file = path.join(workingDirectory, PUBLISH_FILE)
  let info
  try {
    info = await lstat(file)
  } catch (e) {
    throw new Error(
      `mode publish found no ${PUBLISH_FILE} in ${workingDirectory} (${(e as Error).message}): download the "pyramid-comment" artifact of the triggering run into the working directory first (see workflows/publish-comment.yml).`
    )
  }
  if (!info.isFile())
    throw new Error(
      `${file} is not a regular file (a link or a folder): refused, it comes from an untrusted run.`
    )
  if (info.size > PUBLISH_FILE_MAX_BYTES) {
    throw new Error(
      `${file} is ${info.size} bytes, over the ${PUBLISH_FILE_MAX_BYTES}-byte bound for a comment: refused.`
    )
  }
  return parsePublishRequest(await readFile(file, 'utf8'))
}
