/** Workspace over the file system. */
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import type { Workspace } from '../../app/ports.js'
import { writeAll } from './write-all.js'

/** How much of a streamed file is written at once. */
const WRITE_BUFFER_BYTES = 1 << 20

export const fileWorkspace: Workspace = {
  async freshDir(dir) {
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
  },
  async packageScripts(dir) {
    let text: string
    try {
      text = await readFile(path.join(dir, 'package.json'), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw err
    }
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts
    if (!scripts || typeof scripts !== 'object') return {}
    return Object.fromEntries(
      Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string')
    )
  },
  async writeFile(file, content) {
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, content, 'utf8')
  },
  async writeChunks(file, pieces) {
    await mkdir(path.dirname(file), { recursive: true })
    const handle = await open(file, 'w')
    // Pieces are copied into one of two reused buffers; a full buffer is written while the other
    // fills, so encoding and writing overlap, one write in flight at a time. Their strings die young
    // (nothing piles up in the old generation between collections) and writes stay large. A piece's
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so room is checked without encoding it twice.
    let filling = Buffer.allocUnsafe(WRITE_BUFFER_BYTES)
    let spare = Buffer.allocUnsafe(WRITE_BUFFER_BYTES)
    let used = 0
    let writing: Promise<unknown> = Promise.resolve()
    const handOver = async () => {
      await writing
      if (used === 0) return
      const full = filling
      writing = writeAll(handle, full, used)
      // A failed write is awaited by the next turn or the finally below; marked handled meanwhile.
      writing.catch(() => undefined)
      filling = spare
      spare = full
      used = 0
    }
    try {
      for (const piece of pieces) {
        const most = piece.length * 3
        if (most > filling.length - used) await handOver()
        if (most > filling.length) {
          await writing
          const bytes = Buffer.from(piece, 'utf8')
          await writeAll(handle, bytes, bytes.length)
        } else used += filling.write(piece, used)
      }
      await handOver()
      await writing
    } finally {
      await writing.catch(() => undefined)
      await handle.close()
    }
  },
  async readText(file) {
    try {
      return await readFile(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
  },
  async fileSize(file) {
    return (await stat(file)).size
  },
  async findFiles(pattern, cwd) {
    return (await glob(pattern, { cwd, absolute: true, onlyFiles: true })).sort()
  },
  async isDirectory(dir) {
    return (await stat(dir).catch(missing))?.isDirectory() ?? false
  }
}

/** A path that does not exist (or is not reachable through a folder) answers undefined; other errors throw. */
function missing(err: unknown): undefined {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
  throw err
}
