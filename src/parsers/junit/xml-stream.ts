/**
 * Streams an XML file through saxes in bounded memory. Safety: saxes never resolves external entities
 * and never expands DTD-declared ones; on top of that a document with a DOCTYPE is refused outright, the
 * parser's own buffers (one text node, comment or attribute value; one name) are cut at a cap after every
 * chunk, and the first real parse error stops the read.
 */
import { createReadStream } from 'node:fs'
import { SaxesParser } from 'saxes'
import { XML_MAX_PENDING_CHARS } from '../limits.js'
import { ReportError } from '../report-error.js'
import { errorMessage } from '../../core/error-message.js'
import type { TextEncoding } from '../sniff.js'

export interface XmlSink {
  openTag(name: string, attrs: Record<string, string>): void
  text(s: string): void
  closeTag(name: string): void
  /** Whether text at the current position is wanted; asked after each tag. Unwanted text is never built. */
  readonly wantsText: boolean
}

/** The saxes 6 fields that grow with the input; we bound them from outside after each chunk. */
interface SaxesBuffers {
  text: string
  name: string
  entity: string
  attribList: unknown[]
}

const CHUNK_BYTES = 256 * 1024
/** Recoverable complaints: saxes keeps the text as it is, which is what a reader of a test log wants. */
const TOLERATED = /disallowed character|undefined entity/

export async function streamXml(file: string, encoding: TextEncoding, sink: XmlSink): Promise<void> {
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false })
  let failure: ReportError | undefined
  const fail = (e: unknown): void => {
    failure ??= e instanceof ReportError ? e : new ReportError(`it is not well-formed XML: ${describe(e)}`)
  }
  parser.on('error', (e) => {
    if (!TOLERATED.test(e.message)) fail(e)
  })
  parser.on('doctype', (doctype) =>
    fail(
      new ReportError(
        /^\s*html\b/i.test(doctype)
          ? 'it is an HTML page, not a JUnit XML report; point the results glob at the XML file'
          : 'it contains a DOCTYPE declaration; test reports never need one and DTDs can be hostile, so the file is refused'
      )
    )
  )
  // saxes builds text nodes only while a text handler is set: most text (output, layout) is never wanted.
  const onText = (s: string): void => guarded(fail, () => sink.text(s))
  let textOn = false
  const followSink = (): void => {
    if (sink.wantsText === textOn) return
    textOn = sink.wantsText
    if (textOn) parser.on('text', onText)
    else parser.off('text')
  }
  parser.on('opentag', (tag) => {
    guarded(fail, () => sink.openTag(tag.name, tag.attributes))
    followSink()
  })
  parser.on('cdata', onText)
  parser.on('closetag', (tag) => {
    guarded(fail, () => sink.closeTag(tag.name))
    followSink()
  })

  const buffers = parser as unknown as SaxesBuffers
  const stream = createReadStream(file, { encoding, highWaterMark: CHUNK_BYTES })
  for await (const chunk of stream as AsyncIterable<string>) {
    parser.write(chunk)
    bound(buffers, fail)
    if (failure) break
  }
  if (!failure) parser.close()
  if (failure) throw failure
}

function guarded(fail: (e: unknown) => void, f: () => void): void {
  try {
    f()
  } catch (e) {
    fail(e)
  }
}

function bound(p: SaxesBuffers, fail: (e: unknown) => void): void {
  if (p.text.length > XML_MAX_PENDING_CHARS) p.text = p.text.slice(0, XML_MAX_PENDING_CHARS)
  if (p.name.length > XML_MAX_PENDING_CHARS || p.entity.length > XML_MAX_PENDING_CHARS) {
    fail(
      new ReportError(
        `it holds an XML name longer than ${XML_MAX_PENDING_CHARS} characters: this is not a test report`
      )
    )
  }
  if (p.attribList.length > 10_000) {
    fail(new ReportError('it holds an element with more than 10,000 attributes: this is not a test report'))
  }
}

/** saxes errors read "line:column: message". */
function describe(e: unknown): string {
  const msg = errorMessage(e)
  return msg.replace(/^(\d+):(\d+): /, 'line $1, column $2: ').slice(0, 300)
}
