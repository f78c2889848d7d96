/**
 * Untrusted reports: hostile, broken or odd input never throws out of readReport, never reads a local
 * file, never expands entities; the answer names the file and the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { readReport, type ReadReportResult } from '../../src/parsers/index.js'
import { MESSAGE_MAX_CHARS, TRACE_MAX_CHARS } from '../../src/parsers/limits.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-hostile-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function read(name: string, content: string | Buffer): Promise<ReadReportResult> {
  const file = path.join(dir, name)
  await writeFile(file, content)
  return readReport(file)
}

function refused(r: ReadReportResult): string {
  if (r.ok) throw new Error(`expected ${r.file} to be refused`)
  expect(r.reason.startsWith(`${r.file}: `)).toBe(true)
  return r.reason
}

const SECRET = 'pyramid-secret-7f3a9c'

describe('hostile XML', () => {
  it('XXE: an external entity to /etc/passwd or a local file is never read', async () => {
    const secret = path.join(dir, 'secret.txt')
    await writeFile(secret, SECRET)
    for (const target of ['file:///etc/passwd', `file://${secret}`]) {
      const xml = `<?xml version="1.0"?>\n<!DOCTYPE testsuites [<!ENTITY xxe SYSTEM "${target}">]>\n<testsuites><testsuite name="s"><testcase name="t"><failure message="&xxe;">&xxe;</failure></testcase></testsuite></testsuites>`
      const r = await read('xxe.xml', xml)
      expect(refused(r)).toContain('DOCTYPE')
      expect(JSON.stringify(r)).not.toMatch(/root:|pyramid-secret/)
    }
  })

  it('XXE through a parameter entity is refused the same way', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n<testsuites/>`
    expect(refused(await read('xxe-param.xml', xml))).toContain('DOCTYPE')
  })

  it('an entity reference with no DOCTYPE stays literal text', async () => {
    const xml = `<testsuites><testsuite name="s"><testcase name="t"><failure message="x">&xxe; &amp; &#65;</failure></testcase></testsuite></testsuites>`
    const r = await read('undefined-entity.xml', xml)
    expect(r.ok && r.report.tests[0]!.attempts[0]!.trace).toBe('&xxe; & A')
  })

  it('billion laughs: refused at once, nothing expanded', async () => {
    const lol = ['<!ENTITY lol0 "lol">']
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`)
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [${lol.join('\n')}]>\n<testsuites><testsuite name="&lol9;"><testcase name="&lol9;"/></testsuite></testsuites>`
    const r = await read('laughs.xml', xml)
    expect(refused(r)).toContain('DOCTYPE')
    expect(JSON.stringify(r).length).toBeLessThan(1000)
  })

  it.each([
    [
      'truncated.xml',
      '<testsuites><testsuite name="a"><testcase name="b"><failure>boom',
      /not well-formed XML: line 1, column \d+: unclosed tag/
    ],
    [
      'two-roots.xml',
      '<testsuite name="a"></testsuite><testsuite name="b"></testsuite>',
      /not well-formed XML/
    ],
    ['mismatched.xml', '<testsuites><testsuite></testcase></testsuites>', /not well-formed XML/],
    [
      'pom.xml',
      '<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion></project>',
      /root element is <project>, not <testsuites> or <testsuite>/
    ],
    ['empty.xml', '', /the file is empty/],
    ['blank.xml', '  \n\t\n', /only whitespace/],
    ['text.xml', 'All tests passed!\n', /neither XML nor JSON/],
    ['deep.xml', '<testsuites>' + '<testsuite>'.repeat(10_000), /nested deeper than 256 levels/],
    [
      'attrs.xml',
      // Spans several read chunks: the parser's pending attribute list is what must stay bounded.
      `<testsuites><testcase ${Array.from({ length: 200_000 }, (_, i) => `a${i}="1"`).join(' ')}/></testsuites>`,
      /more than 10,000 attributes/
    ],
    [
      'report.html',
      '<!DOCTYPE html>\n<html><body>3 passed</body></html>',
      /an HTML page, not a JUnit XML report/
    ],
    [
      'array.json',
      '[{"name": "t"}]',
      /JSON, but not CTRF, Jest\/vitest --json, mocha json or go test -json output/
    ],
    ['utf16be.xml', Buffer.from([0xfe, 0xff, 0, 0x3c]), /UTF-16 big-endian/]
  ])('%s is refused', async (name, content, reason) => {
    expect(refused(await read(name, content))).toMatch(reason)
  })

  it('binary garbage is refused as binary, with or without NUL bytes', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))
    expect(refused(await read('garbage.xml', garbage))).toMatch(/the file is binary/)
    const noNul = Buffer.from([0x3c, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x3e])
    expect(refused(await read('invalid-utf8.xml', noNul))).toMatch(/the file is binary/)
  })

  it('a missing file is a reason too', async () => {
    const file = path.join(dir, 'nope.xml')
    expect(await readReport(file)).toEqual({
      ok: false,
      file,
      reason: expect.stringMatching(/could not be read \(ENOENT/)
    })
  })

  it('huge attribute and text values are cut to the caps, terminal colour codes removed', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024)
    const xml = `<testsuites><testsuite name="s"><testcase name="t"><failure message="\u001b[31m${big}">${big}</failure></testcase></testsuite></testsuites>`
    const r = await read('big-values.xml', xml)
    const a = r.ok ? r.report.tests[0]!.attempts[0]! : undefined
    expect(a?.message?.startsWith('xxx')).toBe(true)
    expect(a!.message!.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS + 20)
    expect(a!.trace!.length).toBeLessThanOrEqual(TRACE_MAX_CHARS + 20)
    expect(a!.trace!.endsWith('[truncated]')).toBe(true)
  })

  it('control characters that are not legal XML are tolerated (runners write them) and stripped when they colour text', async () => {
    const xml = `<testsuites><testsuite name="s"><testcase name="t"><failure>\u001b[31mred\u001b[0m and \u0007bell</failure></testcase></testsuite></testsuites>`
    const r = await read('control.xml', xml)
    expect(r.ok && r.report.tests[0]!.attempts[0]!.trace).toBe('red and \u0007bell')
  })

  it('UTF-16LE with a byte-order mark is read', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-16"?><testsuite name="s"><testcase name="é ✓"/></testsuite>'
    const r = await read('utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]))
    expect(r.ok && r.report.tests[0]).toMatchObject({ name: 'é ✓', suite: ['s'] })
  })

  it('the reason for a hand-written fixture cut in half names the position', async () => {
    const whole = await readFile(path.resolve('test/fixtures/reports/surefire.xml'), 'utf8')
    expect(refused(await read('half.xml', whole.slice(0, whole.length / 2)))).toMatch(/line \d+, column \d+/)
  })
})

describe('what a refusal says', () => {
  it('never quotes the file: a results folder may hold a link to any local file', async () => {
    const r = await read('linked.xml', 'root:x:0:0:root:/root:/bin/bash\n')
    expect(refused(r)).toMatch(/neither XML nor JSON/)
    expect(JSON.stringify(r)).not.toContain('root:x')
  })
})

describe('odd names', () => {
  it('element and attribute values named like Object.prototype members are plain names', async () => {
    const xml = `<testsuites name="constructor"><testsuite name="__proto__"><testcase name="toString" classname="hasOwnProperty"><constructor/><toString>x</toString></testcase></testsuite></testsuites>`
    const r = await read('proto.xml', xml)
    expect(r.ok && r.report).toEqual({
      format: 'junit',
      tests: [
        {
          suite: ['__proto__', 'hasOwnProperty'],
          name: 'toString',
          attempts: [{ outcome: 'passed', durationMs: 0 }]
        }
      ]
    })
  })
})

describe('lone surrogates', () => {
  // JSON's \ud800 escape makes a string no UTF-8 file can hold; short strings used to be kept as they
  // were, and a file path like that made the report's link encoder throw "URI malformed".
  it('become U+FFFD in short and long strings alike; surrogate pairs stay', async () => {
    const ctrf = {
      results: {
        tool: { name: 'jest' },
        summary: { tests: 2, passed: 2, failed: 0, skipped: 0, pending: 0, other: 0, start: 0, stop: 1 },
        tests: [
          { name: 'short \ud800', status: 'passed', duration: 1, filePath: 'a\ud800.ts' },
          { name: 'pair 😀 long enough to copy \udc00', status: 'passed', duration: 1, filePath: 'b😀.ts' }
        ]
      }
    }
    const r = await read('surrogates.json', JSON.stringify(ctrf))
    if (!r.ok) throw new Error(r.reason)
    expect(r.report.tests.map((t) => [t.name, t.file])).toEqual([
      ['short \ufffd', 'a\ufffd.ts'],
      ['pair 😀 long enough to copy \ufffd', 'b😀.ts']
    ])
  })
})
