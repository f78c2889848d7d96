/**
 * The XML tokenizer against saxes, an XML parser we did not write: on every JUnit fixture, on documents
 * built to hold XML's corners (references, CR LF, CDATA, comments, processing instructions, a BOM,
 * astral characters) and on random documents, both must see the same elements, attributes and text,
 * whatever the chunk boundaries. Where the two differ on purpose (malformed input we tolerate), the
 * tests below say so.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { SaxesParser } from 'saxes'
import { ReportError } from '../../src/parsers/report-error.js'
import { XML_MAX_PENDING_CHARS } from '../../src/parsers/limits.js'
import { XmlTokenizer, type XmlAttributes } from '../../src/parsers/junit/xml-tokenizer.js'

type Event = ['open', string, XmlAttributes] | ['text', string] | ['close', string]

/** Events with adjacent text merged and text outside the root dropped, so both parsers compare. */
class Recorder {
  readonly events: Event[] = []
  private depth = 0
  readonly wantsText = true

  openTag(name: string, attrs: XmlAttributes): void {
    this.depth++
    this.events.push(['open', name, { ...attrs }])
  }

  text(s: string): void {
    if (this.depth === 0 || s === '') return
    const last = this.events[this.events.length - 1]
    if (last?.[0] === 'text') last[1] += s
    else this.events.push(['text', s])
  }

  closeTag(name: string): void {
    this.depth--
    this.events.push(['close', name])
  }
}

function ours(xml: string, chunkSizes: readonly number[] = [xml.length || 1]): Event[] {
  const rec = new Recorder()
  const t = new XmlTokenizer(rec)
  for (let at = 0, k = 0; at < xml.length; k++) {
    const size = chunkSizes[k % chunkSizes.length]!
    t.write(xml.slice(at, at + size))
    at += size
  }
  t.end()
  return rec.events
}

function theirs(xml: string): Event[] {
  const rec = new Recorder()
  const p = new SaxesParser({ xmlns: false })
  // What the action always tolerated from saxes: it keeps the text as written.
  p.on('error', (e) => {
    if (!/disallowed character|undefined entity/.test(e.message)) throw e
  })
  p.on('opentag', (tag) => rec.openTag(tag.name, tag.attributes as XmlAttributes))
  p.on('text', (s) => rec.text(s))
  p.on('cdata', (s) => rec.text(s))
  p.on('closetag', (tag) => rec.closeTag(tag.name))
  p.write(xml).close()
  return rec.events
}

function refusal(xml: string): string {
  try {
    ours(xml)
  } catch (e) {
    if (e instanceof ReportError) return e.reason
    throw e
  }
  throw new Error('expected the document to be refused')
}

/** A small seeded generator (mulberry32), so a failing random document can be rebuilt. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = [
  'plain text',
  ' & ',
  '&amp;',
  '&lt;tag&gt;',
  '&quot;q&quot;',
  '&apos;',
  '&#65;',
  '&#x1F600;',
  '\r\n',
  '\r',
  '\n',
  '\t',
  'ünïcødé',
  '😀',
  ']]',
  ']>',
  '&undefined;'
]
const ATTR_PIECES = PIECES.filter((p) => p !== ' & ')

function randomDocument(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!
  const value = () => Array.from({ length: Math.floor(next() * 4) }, () => pick(ATTR_PIECES)).join('')
  const text = () => Array.from({ length: Math.floor(next() * 5) }, () => pick(PIECES)).join('')
  const element = (depth: number): string => {
    const name = pick(['testsuite', 'testcase', 'failure', 'system-out', 'ns:property', 'a'])
    const quote = next() < 0.3 ? "'" : '"'
    const attrs = Array.from(
      { length: Math.floor(next() * 4) },
      (_, i) =>
        `${pick([' ', '\n  ', '\t'])}k${i}${pick(['=', ' = '])}${quote}${value().replaceAll(quote, '&quot;')}${quote}`
    ).join('')
    if (next() < 0.2) return `<${name}${attrs}${pick(['/>', ' />'])}`
    const children = Array.from({ length: depth > 3 ? 0 : Math.floor(next() * 4) }, () => {
      const r = next()
      if (r < 0.4)
        return text()
          .replaceAll(']]>', ']] >')
          .replaceAll('<', '&lt;')
          .replace(/&(?![a-z#]+;)/g, '&amp;')
      if (r < 0.5) return `<![CDATA[${text().replaceAll(']]>', '')}]]>`
      if (r < 0.6) return `<!-- ${text().replaceAll('--', '')} -->`
      if (r < 0.65) return `<?pi ${text().replaceAll('?>', '')}?>`
      return element(depth + 1)
    }).join('')
    return `<${name}${attrs}>${children}</${name}${pick(['', ' ', '\n'])}>`
  }
  const bom = next() < 0.1 ? '\uFEFF' : ''
  return `${bom}<?xml version="1.0" encoding="UTF-8"?>\n<!-- head -->\n<testsuites>${element(0)}</testsuites>\n`
}

describe('the XML tokenizer reads what saxes reads', () => {
  const dir = 'test/fixtures/reports'
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .filter(Boolean)

  it('finds the JUnit fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10)
  })

  it.each(fixtures)('%s: the same events, whole and in chunks of 1, 7 and 4096 characters', (file) => {
    const xml = readFileSync(path.join(dir, file), 'utf8')
    const expected = theirs(xml)
    expect(expected.length).toBeGreaterThan(2)
    for (const sizes of [[xml.length], [1], [7], [4096], [3, 1, 50]])
      expect(ours(xml, sizes)).toEqual(expected)
  })

  it('on 300 random documents with XML’s corners, in random chunks', () => {
    const next = random(20261202)
    let elements = 0
    for (let i = 0; i < 300; i++) {
      const xml = randomDocument(next)
      const expected = theirs(xml)
      elements += expected.filter((e) => e[0] === 'open').length
      const sizes = Array.from({ length: 5 }, () => 1 + Math.floor(next() * 40))
      expect({ i, events: ours(xml, sizes) }).toEqual({ i, events: expected })
    }
    expect(elements).toBeGreaterThan(500)
  })

  it('normalises line ends and tabs as XML says, references after', () => {
    const xml = '<r a="x\r\ny\tz&#10;w">one\r\ntwo\rthree&#13;</r>'
    expect(ours(xml, [1])).toEqual(theirs(xml))
    expect(ours(xml)).toEqual([
      ['open', 'r', { a: 'x y z\nw' }],
      ['text', 'one\ntwo\nthree\r'],
      ['close', 'r']
    ])
  })
})

describe('what the tokenizer tolerates, and what it refuses', () => {
  it('a `<` or `&` that starts nothing stays text (saxes drops the `<`)', () => {
    expect(ours('<r>a < b && c</r>')).toEqual([
      ['open', 'r', {}],
      ['text', 'a < b && c'],
      ['close', 'r']
    ])
  })

  it('control characters stay (runners write them)', () => {
    expect(ours('<r x="\u0007">\u001b[31m</r>')).toEqual([
      ['open', 'r', { x: '\u0007' }],
      ['text', '\u001b[31m'],
      ['close', 'r']
    ])
  })

  it('an attribute named __proto__ is dropped, not set as the prototype', () => {
    const [open] = ours('<r __proto__="x" a="1"/>')
    expect(open).toEqual(['open', 'r', { a: '1' }])
    expect(Object.getPrototypeOf((open as ['open', string, XmlAttributes])[2])).toBe(Object.prototype)
  })

  it.each([
    ['<a><b></a>', /line 1, column \d+: unexpected close tag: <\/a> closes <b>/],
    ['<a></a></a>', /unmatched closing tag: a/],
    ['<a/><b/>', /only one root/],
    ['x<a/>', /text data outside of root node/],
    ['<a/>x', /text data outside of root node/],
    ['<a><b>', /unclosed tag: b/],
    ['<a b="1" b="2"/>', /duplicate attribute: b/],
    ['<a b/>', /attribute without value/],
    ['<a b=1/>', /unquoted attribute value/],
    ['<a><!-- never ends', /unclosed tag: a/],
    ['<a/><!-- never ends', /unexpected end/],
    ['<a x="never ends', /must contain a root element/],
    ['<a><!BOGUS></a>', /incorrect syntax/],
    ['<!-- only a comment -->', /must contain a root element/],
    ['<a>\n\n  </b>', /line 3, column \d+: unexpected close tag/]
  ])('%j is not well-formed', (xml, reason) => {
    const r = refusal(xml)
    expect(r).toMatch(/^it is not well-formed XML: line \d+, column \d+: /)
    expect(r).toMatch(reason)
    expect(() => theirs(xml)).toThrow()
  })

  it.each([
    ['<!DOCTYPE r [<!ENTITY x "y">]><r/>', /contains a DOCTYPE declaration/],
    ['<!doctype html><html/>', /an HTML page/],
    [`<r ${Array.from({ length: 10_001 }, (_, i) => `a${i}="1"`).join(' ')}/>`, /more than 10,000 attributes/]
  ])('%#: refused for what it is', (xml, reason) => {
    expect(refusal(xml)).toMatch(reason)
  })

  it('a name longer than the pending cap is refused, whole or cut across chunks', () => {
    const xml = `<r><${'n'.repeat(XML_MAX_PENDING_CHARS + 10)}/></r>`
    for (const sizes of [[xml.length], [1000]]) expect(() => ours(xml, sizes)).toThrow(/XML name longer than/)
    const attribute = `<r ${'n'.repeat(XML_MAX_PENDING_CHARS + 10)}="1"/>`
    expect(() => ours(attribute)).toThrow(/XML name longer than/)
  })

  it('an attribute value longer than the cap is cut to it, whole or in chunks', () => {
    const xml = `<r a="${'v'.repeat(XML_MAX_PENDING_CHARS * 3)}"/>`
    for (const sizes of [[xml.length], [1000]]) {
      const [open] = ours(xml, sizes) as [['open', string, XmlAttributes]]
      expect(open[2].a).toBe('v'.repeat(XML_MAX_PENDING_CHARS))
    }
  })
})
