/**
 * Streams an XML file through the tokenizer in bounded memory, one read chunk at a time. Safety is the
 * tokenizer's (no DOCTYPE, no entity expansion, bounded buffers); here, the first error stops the read
 * and becomes the reason the report is refused.
 */
import { createReadStream } from 'node:fs'
import { ReportError } from '../report-error.js'
import { errorMessage } from '../../core/error-message.js'
import type { TextEncoding } from '../sniff.js'
import { XmlTokenizer, type XmlSink } from './xml-tokenizer.js'

const CHUNK_BYTES = 256 * 1024

export async function streamXml(file: string, encoding: TextEncoding, sink: XmlSink): Promise<void> {
  const tokenizer = new XmlTokenizer(sink)
  try {
    const stream = createReadStream(file, { encoding, highWaterMark: CHUNK_BYTES })
    for await (const chunk of stream as AsyncIterable<string>) tokenizer.write(chunk)
    tokenizer.end()
  } catch (e) {
    throw e instanceof ReportError
      ? e
      : new ReportError(`it is not well-formed XML: ${errorMessage(e).slice(0, 300)}`)
  }
}
