/**
 * The workspace writes a stream of pieces as their UTF-8, byte for byte, whatever their sizes: many
 * small pieces that fill its buffer, multi-byte and astral characters at its edges, and a piece larger
 * than the buffer; in order across many buffer turns; and a failure midway, of the pieces or of a
 * write, closes the file.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
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
  const before = openDescriptors()
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
  expect(openDescriptors()).toBe(before)
  const text = await readFile(file, 'utf8')
  const all = written.join('')
  expect(text.length).toBeGreaterThan(0)
  expect(all.startsWith(text)).toBe(true)
  expect(text.endsWith(';')).toBe(true)
})

it('fails with the file system error when a write fails, and closes the file', async () => {
  const before = openDescriptors()
  const pieces = Array.from({ length: 100_000 }, (_, i) => `${i} `.repeat(10))
  await expect(fileWorkspace.writeChunks('/dev/full', pieces)).rejects.toMatchObject({
    code: 'ENOSPC'
  })
  expect(openDescriptors()).toBe(before)
})

function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length
}
