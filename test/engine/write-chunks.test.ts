/**
 * The workspace writes a stream of pieces as their UTF-8, byte for byte, whatever their sizes: many
 * small pieces that fill its buffer, multi-byte and astral characters at its edges, and a piece larger
 * than the buffer.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
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
