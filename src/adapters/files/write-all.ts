/** A write that finishes what a file took only in part. */
import type { FileHandle } from 'node:fs/promises'

/** Writes the first `length` bytes of `bytes`, however many writes the file takes for them. */
export async function writeAll(
  handle: Pick<FileHandle, 'fd' | 'write'>,
  bytes: Buffer,
  length: number
): Promise<void> {
  for (let done = 0; done < length;) {
    const { bytesWritten } = await handle.write(bytes, done, length - done)
    if (bytesWritten === 0)
      throw new Error(`writing ${handle.fd}: the file took none of ${length - done} bytes`)
    done += bytesWritten
  }
}
