/**
 * A streaming XML tokenizer for test reports: elements, attributes, text and CDATA as events, fed one
 * chunk at a time, in memory bounded whatever the input. Pure: no I/O.
 *
 * What it reads is XML 1.0 as test runners write it. Entities are the five predefined ones and character
 * references; any other reference stays literal text, and a document with a DOCTYPE is refused, so no
 * entity is ever expanded and nothing outside the file is ever read. Line ends are normalised as XML
 * says (CR LF and CR to LF in text; tabs and line ends to spaces in attribute values). What runners get
 * wrong and a reader of a test log still wants is tolerated: control characters, `<` or `&` that start
 * nothing. Structure is not: unclosed or mismatched elements, two roots or text outside the root stop
 * the read with the line and column where it went wrong.
 *
 * Speed comes from scanning with indexOf and tight character loops, never one state per character: text
 * nobody asked for (a run's output) is skipped at the speed of a search for `<`. A construct cut by a
 * chunk's end is carried to the next chunk when it is small (a name, a tag's start) and consumed as it
 * comes when it may be large (attribute values, text, comments, CDATA), so nothing held grows with it.
 */
import { thousands } from '../../core/thousands.js'
import { XML_MAX_PENDING_CHARS } from '../limits.js'
import { ReportError } from '../report-error.js'

export type XmlAttributes = Record<string, string>

export interface XmlSink {
  openTag(name: string, attrs: XmlAttributes): void
  text(s: string): void
  closeTag(name: string): void
  /** Whether text at the current position is wanted; asked after each tag. Unwanted text is never built. */
  readonly wantsText: boolean
}

const XML_MAX_ATTRIBUTES = 10_000

const TEXT = 0
/** Inside an open tag, after its name: attributes, then `>` or `/>`. */
const IN_TAG = 1
/** Inside a quoted attribute value that did not end in its chunk. */
const ATTR_VALUE = 2
const COMMENT = 3
const CDATA = 4
const PI = 5
type State = typeof TEXT | typeof IN_TAG | typeof ATTR_VALUE | typeof COMMENT | typeof CDATA | typeof PI

/** A text's end may hold the start of an entity reference (`&#x1F600;` is the longest we decode). */
const ENTITY_MAX_CHARS = 12
const ENTITY = /&(?:#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos));/g
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const LINE_END = /\r\n?/g
const VALUE_SPACE = /\r\n|[\t\n\r]/g
const NEEDS_VALUE_WORK = /[\t\n\r&]/

const LT = 0x3c
const GT = 0x3e
const SLASH = 0x2f
const EQ = 0x3d
const DQ = 0x22
const SQ = 0x27
const BANG = 0x21
const QUESTION = 0x3f
const AMP = 0x26
const SEMICOLON = 0x3b

export class XmlTokenizer {
  /** Input not consumed yet: what the last chunk left (carried) and the chunk being read. */
  private buf = ''
  private state: State = TEXT
  private started = false
  /** Where buf starts in the document, for error positions: lines before it and its column. */
  private lineOfBuf = 1
  private columnOfBuf = 1
  private readonly open: string[] = []
  private sawRoot = false
  private closedRoot = false
  private textWanted = false
  /** The open tag being read. */
  private tag = ''
  private attrs: XmlAttributes = {}
  private attrCount = 0
  /** The attribute value being read across chunks: its name, quote and raw text so far (capped). */
  private attrName = ''
  private quote = '"'
  private value = ''
  /** Where a construct cut by the chunk's end starts; set by need(). */
  private carryAt = 0

  constructor(private readonly sink: XmlSink) {}

  write(chunk: string): void {
    let s = this.buf.length === 0 ? chunk : this.buf + chunk
    if (!this.started && s.length > 0) {
      this.started = true
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1)
    }
    this.buf = s
    this.keepFrom(s, this.run(s, false))
  }

  /** The document ended: what was carried is read as the end, then the structure is checked. */
  end(): void {
    const s = this.buf
    const stopped = this.run(s, true)
    if (!this.sawRoot) this.fail('document must contain a root element.', s.length)
    const unclosed = this.open[this.open.length - 1]
    if (unclosed !== undefined) this.fail(`unclosed tag: ${unclosed}`, s.length)
    if (this.state !== TEXT || stopped < s.length) this.fail('unexpected end.', s.length)
  }

  /** Reads s from the start of buf; returns where reading stopped (what is carried to the next chunk). */
  private run(s: string, final: boolean): number {
    const n = s.length
    let i = 0
    while (i < n) {
      let next: number
      switch (this.state) {
        case TEXT:
          next = this.textThenMarkup(s, i, final)
          break
        case IN_TAG:
          next = this.attributes(s, i)
          break
        case ATTR_VALUE:
          next = this.attributeValueGoesOn(s, i)
          break
        case COMMENT:
          next = this.skipTo(s, i, '-->')
          break
        case PI:
          next = this.skipTo(s, i, '?>')
          break
        case CDATA:
          next = this.cdata(s, i)
          break
      }
      if (next < 0) {
        if (!final) boundedName(n - this.carryAt)
        return this.carryAt
      }
      if (next === i) return i
      i = next
    }
    return n
  }

  private need(at: number): number {
    this.carryAt = at
    return -1
  }

  /** Drops what was read, keeping track of the line and column where what is kept starts. */
  private keepFrom(s: string, at: number): void {
    const { line, column } = this.positionAt(s, at)
    this.lineOfBuf = line
    this.columnOfBuf = column
    this.buf = at >= s.length ? '' : s.slice(at)
  }

  private fail(message: string, at: number): never {
    const { line, column } = this.positionAt(this.buf, at)
    throw new ReportError(`it is not well-formed XML: line ${line}, column ${column}: ${message}`)
  }

  /** The line and column of s[at], s starting where buf does. */
  private positionAt(s: string, at: number): { line: number; column: number } {
    const stop = Math.min(at, s.length)
    let line = this.lineOfBuf
    let lastNl = -1
    for (let nl = s.indexOf('\n'); nl !== -1 && nl < stop; nl = s.indexOf('\n', nl + 1)) {
      line++
      lastNl = nl
    }
    return { line, column: lastNl === -1 ? this.columnOfBuf + stop : stop - lastNl }
  }

  // ---- text and markup ------------------------------------------------------------------------------

  private textThenMarkup(s: string, i: number, final: boolean): number {
    const lt = s.indexOf('<', i)
    if (lt === -1) {
      const keep = final ? s.length : textTail(s, i)
      if (keep > i) this.textRun(s, i, keep)
      return keep === i ? this.need(i) : keep
    }
    if (lt > i) this.textRun(s, i, lt)
    return this.markup(s, lt, final)
  }

  private textRun(s: string, from: number, to: number): void {
    if (this.open.length === 0) {
      const k = skipSpaces(s, from)
      if (k < to) this.fail('text data outside of root node.', k)
      return
    }
    if (!this.textWanted) return
    let t = s.slice(from, to)
    if (t.includes('\r')) t = t.replace(LINE_END, '\n')
    if (t.includes('&')) t = decodeEntities(t)
    this.sink.text(t)
  }

  /** At a `<`: what starts there. */
  private markup(s: string, lt: number, final: boolean): number {
    const n = s.length
    if (lt + 1 >= n) return this.need(lt)
    const c = s.charCodeAt(lt + 1)
    if (c === SLASH) return this.closeTag(s, lt)
    if (c === BANG) return this.bang(s, lt, final)
    if (c === QUESTION) {
      this.state = PI
      return lt + 2
    }
    const end = nameEnd(s, lt + 1)
    if (end === lt + 1) return this.literal(s, lt)
    if (end === n) return this.need(lt)
    if (this.open.length === 0 && this.closedRoot) this.fail('documents may contain only one root.', lt)
    boundedName(end - lt - 1)
    this.tag = s.slice(lt + 1, end)
    this.attrs = {}
    this.attrCount = 0
    this.state = IN_TAG
    return end
  }

  /** A `<` that starts nothing (`a < b` in a message): text, as a reader wants it. */
  private literal(s: string, lt: number): number {
    if (this.open.length === 0) this.fail('text data outside of root node.', lt)
    if (this.textWanted) this.sink.text('<')
    return lt + 1
  }

  private bang(s: string, lt: number, final: boolean): number {
    if (s.startsWith('<!--', lt)) {
      this.state = COMMENT
      return lt + 4
    }
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.open.length === 0) this.fail('text data outside of root node.', lt)
      this.state = CDATA
      return lt + 9
    }
    const head = s.slice(lt, lt + 20)
    if (/^<!doctype/i.test(head)) {
      if (head.length < 20 && !final) return this.need(lt)
      throw new ReportError(
        /^<!doctype\s+html\b/i.test(head)
          ? 'it is an HTML page, not a JUnit XML report; point the results glob at the XML file'
          : 'it contains a DOCTYPE declaration; test reports never need one and DTDs can be hostile, so the file is refused'
      )
    }
    const couldStill = ['<!--', '<![CDATA[', '<!DOCTYPE'].some((m) => m.startsWith(head.toUpperCase()))
    if (couldStill && !final) return this.need(lt)
    return this.fail('incorrect syntax.', lt)
  }

  private closeTag(s: string, lt: number): number {
    // The common case, read in place: the open element's name, then `>`.
    const open = this.open[this.open.length - 1]
    if (open !== undefined && s.startsWith(open, lt + 2) && s.charCodeAt(lt + 2 + open.length) === GT) {
      return this.closed(open, lt + 3 + open.length)
    }
    const gt = s.indexOf('>', lt + 2)
    if (gt === -1) return this.need(lt)
    const end = nameEnd(s, lt + 2)
    const name = s.slice(lt + 2, end)
    if (name === '' || skipSpaces(s, end) < gt) this.fail('disallowed character in closing tag.', end)
    if (open === undefined) this.fail(`unmatched closing tag: ${name}.`, lt)
    if (open !== name) this.fail(`unexpected close tag: </${name}> closes <${open}>.`, lt)
    return this.closed(name, gt + 1)
  }

  private closed(name: string, next: number): number {
    this.open.pop()
    if (this.open.length === 0) this.closedRoot = true
    this.sink.closeTag(name)
    this.textWanted = this.sink.wantsText
    return next
  }

  // ---- open tags ------------------------------------------------------------------------------------

  /** Attributes until the tag ends; a cut attribute is carried from its start (its value is not). */
  private attributes(s: string, from: number): number {
    const n = s.length
    let i = from
    for (;;) {
      i = skipSpaces(s, i)
      if (i >= n) return this.need(i)
      const c = s.charCodeAt(i)
      if (c === GT) return this.opened(i + 1, false)
      if (c === SLASH) {
        if (i + 1 >= n) return this.need(i)
        if (s.charCodeAt(i + 1) !== GT) this.fail('forward-slash in opening tag not followed by >.', i)
        return this.opened(i + 2, true)
      }
      const nameTo = nameEnd(s, i)
      if (nameTo === n) return this.need(i)
      if (nameTo === i) this.fail('disallowed character in attribute name.', i)
      boundedName(nameTo - i)
      let k = skipSpaces(s, nameTo)
      if (k >= n) return this.need(i)
      if (s.charCodeAt(k) !== EQ) this.fail('attribute without value.', k)
      k = skipSpaces(s, k + 1)
      if (k >= n) return this.need(i)
      const q = s.charCodeAt(k)
      if (q !== DQ && q !== SQ) this.fail('unquoted attribute value.', k)
      const quote = q === DQ ? '"' : "'"
      const close = s.indexOf(quote, k + 1)
      if (close === -1) {
        this.attrName = s.slice(i, nameTo)
        this.quote = quote
        this.value = capped(s.slice(k + 1))
        this.state = ATTR_VALUE
        return n
      }
      this.attribute(s.slice(i, nameTo), s.slice(k + 1, close), i)
      i = close + 1
    }
  }

  private attributeValueGoesOn(s: string, i: number): number {
    const close = s.indexOf(this.quote, i)
    const piece = s.slice(i, close === -1 ? s.length : close)
    if (this.value.length < XML_MAX_PENDING_CHARS) this.value = capped(this.value + piece)
    if (close === -1) return s.length
    this.attribute(this.attrName, this.value, i)
    this.value = ''
    this.state = IN_TAG
    return close + 1
  }

  private attribute(name: string, raw: string, at: number): void {
    if (++this.attrCount > XML_MAX_ATTRIBUTES) {
      throw new ReportError(
        `it holds an element with more than ${thousands(XML_MAX_ATTRIBUTES)} attributes: this is not a test report`
      )
    }
    let v = capped(raw)
    if (NEEDS_VALUE_WORK.test(v)) {
      v = v.replace(VALUE_SPACE, ' ')
      if (v.includes('&')) v = decodeEntities(v)
    }
    // A plain object keeps attribute access fast; a `__proto__` attribute would reach its prototype.
    if (name === '__proto__') return
    if (Object.hasOwn(this.attrs, name)) this.fail(`duplicate attribute: ${name}.`, at)
    this.attrs[name] = v
  }

  private opened(next: number, selfClosing: boolean): number {
    const name = this.tag
    this.sawRoot = true
    this.state = TEXT
    this.open.push(name)
    this.sink.openTag(name, this.attrs)
    if (selfClosing) {
      this.open.pop()
      if (this.open.length === 0) this.closedRoot = true
      this.sink.closeTag(name)
    }
    this.textWanted = this.sink.wantsText
    return next
  }

  // ---- comments, processing instructions, CDATA -------------------------------------------------------

  /** Skips to the end of a comment or processing instruction; keeps a cut terminator's start. */
  private skipTo(s: string, i: number, terminator: string): number {
    const at = s.indexOf(terminator, i)
    if (at !== -1) {
      this.state = TEXT
      return at + terminator.length
    }
    return Math.max(i, s.length - (terminator.length - 1))
  }

  private cdata(s: string, i: number): number {
    const at = s.indexOf(']]>', i)
    const to = at !== -1 ? at : Math.max(i, s.length - 2)
    if (this.textWanted && to > i) {
      const t = s.slice(i, to)
      this.sink.text(t.includes('\r') ? t.replace(LINE_END, '\n') : t)
    }
    if (at === -1) return to
    this.state = TEXT
    return at + 3
  }
}

/** Names (and what is carried to the next chunk, a name or a tag's start) stay under the pending cap. */
function boundedName(length: number): void {
  if (length > XML_MAX_PENDING_CHARS) {
    throw new ReportError(
      `it holds an XML name longer than ${XML_MAX_PENDING_CHARS} characters: this is not a test report`
    )
  }
}

/** Where a run of name characters starting at i ends (XML names, loosely: anything but what ends one). */
function nameEnd(s: string, i: number): number {
  const n = s.length
  let k = i
  while (k < n) {
    const c = s.charCodeAt(k)
    if (c <= 0x20 || c === SLASH || c === GT || c === EQ || c === LT || c === DQ || c === SQ) break
    if (k === i && (c === BANG || c === QUESTION)) break
    k++
  }
  return k
}

function skipSpaces(s: string, i: number): number {
  const n = s.length
  let k = i
  while (k < n) {
    const c = s.charCodeAt(k)
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break
    k++
  }
  return k
}

/** Where the text at the end of a chunk must stop: before a CR (it may start CR LF) or a cut reference. */
function textTail(s: string, from: number): number {
  const n = s.length
  for (let k = n - 1; k >= from && k > n - ENTITY_MAX_CHARS; k--) {
    const c = s.charCodeAt(k)
    if (c === SEMICOLON) break
    if (c === AMP) return k
  }
  if (n > from && s.charCodeAt(n - 1) === 0x0d) return n - 1
  return n
}

function capped(s: string): string {
  return s.length <= XML_MAX_PENDING_CHARS ? s : s.slice(0, XML_MAX_PENDING_CHARS)
}

/** The predefined entities and character references; anything else stays as written. */
function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, dec?: string, hex?: string, named?: string) => {
    if (named !== undefined) return PREDEFINED[named]!
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16)
    return isXmlChar(code) ? String.fromCodePoint(code) : whole
  })
}

/** XML 1.0's Char production. */
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  )
}
