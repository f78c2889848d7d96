/**
 * Reading one input at a time and checking it, collecting every problem instead of stopping at the first.
 * A problem line names the input, shows the value (JSON-quoted, shortened; secrets never) and says what is
 * accepted. When a value is bad the reader returns a harmless stand-in: readInputs throws before any
 * value is used.
 */
import { INPUT_DEFAULTS, SECRET_INPUTS, type InputName } from './input-names.js'

const SHOWN_CHARS = 60

/** A plain decimal amount: digits, an optional fraction; no sign, exponent or thousands separator. */
export const USD = /^\d{1,6}(\.\d{1,9})?$/

/** Booleans are `true`/`false` in any case (what YAML 1.2 and @actions/core accept); yes/no/1/0 are not. */
const TRUE = 'true'
const FALSE = 'false'

export class InputChecks {
  readonly problems: string[] = []

  constructor(private readonly get: (name: string) => string) {}

  /** The trimmed value, or the action.yml default when the input is empty. */
  text(name: InputName): string {
    const raw = this.get(name).trim()
    return raw === '' ? INPUT_DEFAULTS[name] : raw
  }

  /** The trimmed value, or undefined when empty (inputs whose default is ''). */
  optional(name: InputName): string | undefined {
    const value = this.text(name)
    return value === '' ? undefined : value
  }

  problem(name: InputName, value: string, what: string): void {
    this.problems.push(`${name}: ${show(name, value)} ${what}`)
  }

  /** A required input left empty: `why` says what needs it and what to give. */
  missing(name: InputName, why: string): void {
    this.problems.push(`${name}: is empty; ${why}`)
  }

  oneOf<T extends string>(name: InputName, accepted: readonly T[]): T {
    const value = this.text(name)
    const found = accepted.find((a) => a === value.toLowerCase())
    if (found) return found
    this.problem(name, value, `is not one of ${accepted.join(', ')}`)
    return accepted[0]!
  }

  bool(name: InputName): boolean {
    const value = this.text(name).toLowerCase()
    if (value === TRUE) return true
    if (value === FALSE) return false
    this.problem(name, this.text(name), 'is not a boolean; use true or false')
    return false
  }

  wholeNumber(name: InputName, min: number, max: number, unit = ''): number {
    const value = this.text(name)
    const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN
    if (n >= min && n <= max) return n
    this.problem(name, value, `is not a whole number from ${min} to ${max}${unit}`)
    return min
  }

  /** An optional amount in USD, 0 or more (e.g. 0.10); undefined when empty. */
  usdAmount(name: InputName): number | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (USD.test(value)) return Number(value)
    this.problem(name, value, 'is not an amount in USD: a number of 0 or more, e.g. 0.10')
    return undefined
  }

  /** A non-empty path or file name without control characters. */
  path(name: InputName): string {
    const value = this.text(name)
    if (hasControlChar(value)) this.problem(name, value, 'contains a control character; give a plain path')
    return value
  }

  /** An optional value that must pass `accepts`; `what` completes "is not …". */
  matching(name: InputName, accepts: (value: string) => boolean, what: string): string | undefined {
    const value = this.optional(name)
    if (value === undefined || accepts(value)) return value
    this.problem(name, value, `is not ${what}`)
    return undefined
  }

  /**
   * A comma (or newline) separated list; empty items are dropped, duplicates removed, order kept.
   * Each item must pass `accepts`; `what` names the accepted item in a problem line.
   */
  list(name: InputName, accepts: (item: string) => boolean, what: string): string[] {
    const value = this.text(name)
    const items = [...new Set(splitList(value))]
    const bad = items.filter((i) => !accepts(i))
    if (bad.length > 0)
      this.problem(name, value, `has ${bad.map((b) => show(name, b)).join(', ')}, not ${what}`)
    return items.filter(accepts)
  }

  /** An http(s) URL made only of scheme, host and optional port; returned without a trailing slash. */
  endpoint(name: InputName): string | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    const accepted =
      'an http(s) URL of a host and optional port, e.g. http://localhost:4566 (no path, query, credentials or fragment)'
    let url: URL
    try {
      url = new URL(value)
    } catch {
      this.problem(name, value, `is not ${accepted}`)
      return undefined
    }
    const plain =
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== '' &&
      url.username === '' &&
      url.password === '' &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      !/\s/.test(value)
    if (!plain) {
      this.problem(name, value, `is not ${accepted}`)
      return undefined
    }
    return `${url.protocol}//${url.host}`
  }

  /** A secret: checked for stray whitespace only, and never shown. */
  secret(name: InputName, fallback: string | undefined): string | undefined {
    const value = this.get(name).trim() || fallback || ''
    if (/\s/.test(value)) this.problem(name, value, 'contains whitespace; paste the token exactly as issued')
    return value === '' ? undefined : value
  }
}

export function hasControlChar(value: string): boolean {
  return [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
}

export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

function show(name: InputName, value: string): string {
  if (SECRET_INPUTS.includes(name)) return '(secret value, not shown)'
  const short = value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value
  return JSON.stringify(short)
}
