/**
 * Big reports stream in bounded memory: a ~200 MB JUnit file and a file whose single text nodes are tens
 * of MB are parsed in a child process (plain node, like the action's bundle) whose peak RSS is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { compileParseChild, type CompiledChild } from './compiled-child.js'
import { generateJUnit } from './generate-junit.js'

interface ChildResult {
  ok: boolean
  tests?: number
  attempts?: number
  reason?: string
  ms: number
  maxRssKb: number
}

function parseInChild(child: CompiledChild, file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child.script, file], { maxBuffer: 1 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as ChildResult)
    )
  })
}

const MB = 1024 * 1024
let child: CompiledChild
const files: string[] = []
const tmp = (name: string): string => {
  const f = path.join(os.tmpdir(), `pyramid-${process.pid}-${name}`)
  files.push(f)
  return f
}

beforeAll(async () => {
  child = await compileParseChild()
})
afterAll(async () => {
  for (const f of [...files, child?.dir]) if (f) await rm(f, { recursive: true, force: true })
})

describe('big reports', () => {
  it('a ~200 MB JUnit file parses completely with peak RSS under 300 MB', async () => {
    const file = tmp('200mb.xml')
    const made = await generateJUnit(file, { bytes: 200 * MB })
    try {
      expect(made.bytes).toBeGreaterThanOrEqual(200 * MB)
      const r = await parseInChild(child, file)
      expect(r).toMatchObject({ ok: true, tests: made.testcases })
      // Every 50th testcase is flaky (one flakyFailure before the pass): one extra attempt each.
      expect(r.attempts).toBe(made.testcases + Math.ceil((made.testcases - 1) / 50))
      expect(r.maxRssKb).toBeLessThan(300 * 1024)
      process.stdout.write(
        `200 MB report: ${made.testcases} tests, ${(r.ms / 1000).toFixed(1)} s, peak RSS ${(r.maxRssKb / 1024).toFixed(0)} MB\n`
      )
    } finally {
      await rm(file, { force: true })
    }
  }, 120_000)

  it('text nodes of tens of MB are cut while streaming, not held', async () => {
    const file = tmp('huge-text.xml')
    const out = createWriteStream(file)
    const line = 'at com.example.Handler.invoke(Handler.java:42) '.repeat(20_000) + '\n' // ~1 MB
    // Output as CDATA (which saxes always buffers) and a failure trace as text (which we ask for).
    out.write('<testsuites><testsuite name="s"><testcase name="t"><system-out><![CDATA[')
    for (let i = 0; i < 60; i++) if (!out.write(line)) await once(out, 'drain')
    out.write(']]></system-out><failure message="m">')
    for (let i = 0; i < 60; i++) if (!out.write(line)) await once(out, 'drain')
    out.end('</failure></testcase></testsuite></testsuites>\n')
    await once(out, 'finish')
    try {
      const r = await parseInChild(child, file)
      process.stdout.write(`120 MB of text nodes: peak RSS ${(r.maxRssKb / 1024).toFixed(0)} MB\n`)
      expect(r).toMatchObject({ ok: true, tests: 1, attempts: 1 })
      // 120 MB of text in two nodes: held whole they would take far more than this (about 180 MB with
      // the buffer cap disabled). Typically 80 MB; the margin is for GC timing on a loaded machine.
      expect(r.maxRssKb).toBeLessThan(150 * 1024)
    } finally {
      await rm(file, { force: true })
    }
  }, 60_000)
})
