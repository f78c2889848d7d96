/**
 * Bounds on what a report may make us hold. Reports are untrusted input: every kept string is capped,
 * and every string kept from a parser chunk is copied so the chunk itself can be collected.
 */
export const MESSAGE_MAX_CHARS = 2 * 1024
export const TRACE_MAX_CHARS = 8 * 1024
/** Names, class names, file paths: longer ones are cut (they are identities, not prose). */
export const NAME_MAX_CHARS = 1024
/** JSON reports are parsed whole, so they are refused above this size. */
export const JSON_MAX_BYTES = 64 * 1024 * 1024
/** How much of a file the format sniffer reads. */
export const SNIFF_BYTES = 64 * 1024
/** Element nesting deeper than this is not a test report. */
export const XML_MAX_DEPTH = 256
/** What the XML parser may buffer for one text node, comment or attribute value before we cut it. */
export const XML_MAX_PENDING_CHARS = 64 * 1024

import { stripVTControlCharacters } from 'node:util'

const TRUNCATED = ' …[truncated]'

/**
 * Copy a string into fresh, flat memory. Parsers hand out slices of their input chunks; keeping a slice
 * would keep the whole chunk alive, and a re-slice would keep a slice header per string. A UTF-8 round
 * trip makes a new flat string (lone surrogates, invalid in any report, become U+FFFD). Short strings are
 * kept as they are (V8 copies them anyway) unless they hold a surrogate: JSON's `\ud800` escape can make one
 * that no file can hold, and every string a parser hands out is well-formed.
 */
export function detach(s: string): string {
  return s.length <= 12 && !SURROGATE.test(s) ? s : Buffer.from(s, 'utf8').toString('utf8')
}

const SURROGATE = /[\uD800-\uDFFF]/

/** Cut untrusted text to `max` characters, marking the cut, and detach it from its source. */
export function bounded(s: string, max: number): string {
  return detach(s.length <= max ? s : s.slice(0, max) + TRUNCATED)
}

/** Messages and traces: terminal colour codes removed (runners in CI often colour them), then bounded. */
export function boundedText(s: string, max: number): string {
  return bounded(stripVTControlCharacters(s), max)
}

/** Appends text pieces up to a cap; what comes past the cap is counted, not kept. */
export class CappedText {
  private parts: string[] = []
  private kept = 0
  private over = false

  constructor(private readonly max: number) {}

  add(s: string): void {
    if (this.kept >= this.max) {
      this.over ||= s.length > 0
      return
    }
    const room = this.max - this.kept
    const piece = s.length <= room ? s : s.slice(0, room)
    this.over ||= piece.length < s.length
    this.parts.push(detach(piece))
    this.kept += piece.length
  }

  value(): string {
    const s = stripVTControlCharacters(this.parts.join(''))
    return this.over ? s + TRUNCATED : s
  }
}

/** First non-empty line of a text, bounded as a message. */
export function firstLine(s: string): string | undefined {
  const line = s
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0)
  return line === undefined ? undefined : boundedText(line, MESSAGE_MAX_CHARS)
}
