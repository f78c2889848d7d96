/**
 * The workspace writes a stream of pieces as their UTF-8, byte for byte, whatever their sizes: many
 * small pieces that fill its buffer, multi-byte and astral characters at its edges, and a piece larger
 * than the buffer; in order across many buffer turns; a write the file takes only in part is
 * finished; and a failure midway, of the pieces or of a write, closes the file.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { readdirSync, readlinkSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { writeAll } from '../../src/adapters/files/write-all.js'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-write-chunks-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('writes the pieces joined, as UTF-8, across buffer edges and past the buffer size', async () => {
  const pieces: string[] = []
  for (let i = 0; i < 60_000; i++)
    pieces.push(['ascii ', 'ü', '€€', '😀', `#${i} `][i % 5]!.repeat(1 + (i % 7)))
  pieces.push('€'.repeat(700_000), 'tail 😀\n')
  const file = path.join(dir, 'nested', 'out.json')
  await fileWorkspace.writeChunks(file, pieces)
  const written = await readFile(file)
  const expected = Buffer.from(pieces.join(''), 'utf8')
  expect(written.length).toBe(expected.length)
  expect(written.equals(expected)).toBe(true)
})

it('keeps the order of pieces across many turns of its two buffers', async () => {
  // 12 MB of numbered lines: a dozen buffer turns, each written while the next fills.
  const pieces = Array.from({ length: 400_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 40)}\n`)
  const file = path.join(dir, 'turns.txt')
  await fileWorkspace.writeChunks(file, pieces)
  const written = await readFile(file, 'utf8')
  expect(written.length).toBe(pieces.join('').length)
  expect(written === pieces.join('')).toBe(true)
})

it('closes the file when the pieces fail midway, keeping whole pieces written before', async () => {
  const written: string[] = []
  function* failing(): Generator<string> {
    for (let i = 0; i < 200_000; i++) {
      const piece = `piece ${i};`
      written.push(piece)
      yield piece
    }
    throw new Error('the report broke')
  }
  const file = path.join(dir, 'broken.txt')
  await expect(fileWorkspace.writeChunks(file, failing())).rejects.toThrow('the report broke')
  expect(descriptorsOpenOn(file)).toBe(0)
  const text = await readFile(file, 'utf8')
  const all = written.join('')
  expect(text.length).toBeGreaterThan(0)
  expect(all.startsWith(text)).toBe(true)
  expect(text.endsWith(';')).toBe(true)
})

it('fails with the file system error when a write fails, and closes the file', async () => {
  const pieces = Array.from({ length: 100_000 }, (_, i) => `${i} `.repeat(10))
  await expect(fileWorkspace.writeChunks('/dev/full', pieces)).rejects.toMatchObject({
    code: 'ENOSPC'
  })
  expect(descriptorsOpenOn('/dev/full')).toBe(0)
})

it('finishes a write the file took only in part, and refuses one it took none of', async () => {
  const bytes = Buffer.from('partial writes: ü€😀 '.repeat(50), 'utf8')
  const taken: Buffer[] = []
  // A file that takes at most 7 bytes a write, as a pipe or a nearly full disk may.
  const stingy = fakeHandle((buffer, offset, length) => {
    const n = Math.min(7, length)
    taken.push(Buffer.from(buffer.subarray(offset, offset + n)))
    return n
  })
  await writeAll(stingy, bytes, bytes.length - 3)
  expect(Buffer.concat(taken).equals(bytes.subarray(0, bytes.length - 3))).toBe(true)
  expect(taken.length).toBe(Math.ceil((bytes.length - 3) / 7))

  const full = fakeHandle(() => 0)
  await expect(writeAll(full, bytes, bytes.length)).rejects.toThrow(
    `the file took none of ${bytes.length} bytes`
  )
})

type FakeWrite = (buffer: Buffer, offset: number, length: number) => number
function fakeHandle(take: FakeWrite): Parameters<typeof writeAll>[0] {
  const write = async (buffer: Buffer, offset: number, length: number) => ({
    bytesWritten: take(buffer, offset, length),
    buffer
  })
  return { fd: 99, write } as unknown as Parameters<typeof writeAll>[0]
}

/** How many of this process's descriptors are open on `file` (other descriptors may come and go). */
function descriptorsOpenOn(file: string): number {
  let count = 0
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === file) count++
    } catch {
      // closed between the listing and the read: not open on the file
    }
  }
  return count
}
