/** Reads the first bytes of a file and decodes them, so parsers can claim a file by its content. */
import { open } from 'node:fs/promises'
import { SNIFF_BYTES } from './limits.js'
import { ReportError } from './report-error.js'

export type TextEncoding = 'utf8' | 'utf16le'

export interface Sniffed {
  encoding: TextEncoding
  /** The decoded start of the file, byte-order mark and leading whitespace removed. */
  head: string
  size: number
}

export async function sniffFile(file: string): Promise<Sniffed> {
  const fh = await open(file, 'r')
  try {
    const { size } = await fh.stat()
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, size))
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    return { ...decodeHead(buf.subarray(0, bytesRead), size), size }
  } finally {
    await fh.close()
  }
}

function decodeHead(bytes: Buffer, size: number): { encoding: TextEncoding; head: string } {
  if (bytes.length === 0) throw new ReportError('the file is empty: the test runner wrote no report')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw new ReportError('the file is UTF-16 big-endian, which is not supported: write the report as UTF-8')
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { encoding: 'utf16le', head: trimHead(bytes.subarray(2).toString('utf16le')) }
  }
  if (bytes.includes(0)) throw binary()
  let head: string
  try {
    head = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
  } catch {
    throw binary()
  }
  const trimmed = trimHead(head)
  if (trimmed.length === 0) {
    throw new ReportError(
      size > bytes.length
        ? `the file starts with more than ${bytes.length} bytes of whitespace: this is not a test report`
        : 'the file holds only whitespace: the test runner wrote no report'
    )
  }
  return { encoding: 'utf8', head: trimmed }
}

function binary(): ReportError {
  return new ReportError('the file is binary, not a text test report (JUnit XML, CTRF JSON or Jest JSON)')
}

function trimHead(s: string): string {
  return s.replace(/^\uFEFF/, '').trimStart()
}
