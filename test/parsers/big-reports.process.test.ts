/**
 * Big reports stream in bounded memory: each file is parsed in a plain-node child (as the action runs its
 * bundle) whose V8 heap is capped well below what holding the file would take, and the child must
 * complete. A parser that held the data would run out of heap, whatever the machine's load: the last
 * tests lift the tokenizer's cap on a pending value, then the parser's trace cap, and show the same file
 * then does. How much memory and time the
 * parser takes is measured by bench/parse-junit.ts, not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { compileParseChild, type CompiledChild } from './compiled-child.js'
import { generateHugeTextNodes, generateJUnit } from './generate-junit.js'

/** What the child prints on stdout when it finishes. */
interface ChildResult {
  ok: boolean
  tests?: number
  attempts?: number
  reason?: string
}

interface ChildOutcome {
  exitCode: number | null
  signal: NodeJS.Signals | null
  result?: ChildResult
  /** The child's own account of why it died, e.g. "JavaScript heap out of memory". */
  fatal?: string
}

/** Parses `file` in a child whose old space (where big strings and the parsed tests live) is `heapMb`. */
function parseUnderHeapCap(child: CompiledChild, file: string, heapMb: number): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, child.script, file],
      { maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        const fatal = stderr.split('\n').find((l) => /heap out of memory/i.test(l))
        resolve({
          exitCode: err ? (typeof err.code === 'number' ? err.code : null) : 0,
          signal: err?.signal ?? null,
          ...(err ? {} : { result: JSON.parse(stdout) as ChildResult }),
          ...(fatal ? { fatal } : {})
        })
      }
    )
  })
}

const MB = 1024 * 1024
/** ~120 MB of text in three values parses in 16 MB of heap; any one held needs 40 MB or more. */
const TEXT_HEAP_MB = 24
/** 413k parsed testcases need about 110 MB of heap; the 200 MB file itself would need 200 MB more. */
const BIG_FILE_HEAP_MB = 160

let dir: string
let child: CompiledChild
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-big-reports-'))
  child = await compileParseChild()
})
afterAll(async () => {
  for (const d of [dir, child?.dir]) if (d) await rm(d, { recursive: true, force: true })
})

describe('big reports', () => {
  it(`a ~200 MB JUnit file parses completely with a ${BIG_FILE_HEAP_MB} MB heap`, async () => {
    const made = await generateJUnit(path.join(dir, '200mb.xml'), { bytes: 200 * MB })
    expect(made.bytes).toBeGreaterThanOrEqual(200 * MB)
    const r = await parseUnderHeapCap(child, made.file, BIG_FILE_HEAP_MB)
    expect(r).toMatchObject({ exitCode: 0, result: { ok: true, tests: made.testcases } })
    // Every 50th testcase is flaky (one flakyFailure before the pass): one extra attempt each.
    expect(r.result?.attempts).toBe(made.testcases + Math.ceil((made.testcases - 1) / 50))
    await rm(made.file, { force: true })
  }, 180_000)

  describe('text nodes of tens of MB', () => {
    let file: string
    beforeAll(async () => {
      file = (await generateHugeTextNodes(path.join(dir, 'huge-text.xml'))).file
    })

    it(`are cut while streaming: 120 MB of text parses with a ${TEXT_HEAP_MB} MB heap`, async () => {
      const r = await parseUnderHeapCap(child, file, TEXT_HEAP_MB)
      expect(r).toMatchObject({ exitCode: 0, result: { ok: true, tests: 1, attempts: 1 } })
    }, 60_000)

    const lifted = (cap: string) => (rel: string, text: string) =>
      rel === path.normalize('src/parsers/limits.ts')
        ? text.replace(new RegExp(`${cap} = [^\\n]+`), `${cap} = Number.POSITIVE_INFINITY`)
        : text

    it.each([
      ['the tokenizer’s cap on a pending value', 'an attribute value', 'XML_MAX_PENDING_CHARS'],
      ['the parser’s trace cap', 'a text node', 'TRACE_MAX_CHARS']
    ])(
      'would exhaust that heap with %s lifted (the check catches a parser that holds %s)',
      async (_cap, _holds, cap) => {
        const uncapped = await compileParseChild(lifted(cap))
        try {
          const r = await parseUnderHeapCap(uncapped, file, TEXT_HEAP_MB)
          expect(r.result).toBeUndefined()
          expect(r.fatal).toMatch(/heap out of memory/i)
        } finally {
          await rm(uncapped.dir, { recursive: true, force: true })
        }
      },
      60_000
    )
  })
})
