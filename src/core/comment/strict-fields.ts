/**
 * Checks for the untrusted JSON that `mode: publish` reads: a closed world where every field is named,
 * typed and bounded. Each check names the JSON path of the field it refuses. Pure.
 */
import { CtrfFieldError, isObj } from '../report/ctrf-guards.js'

export { CtrfFieldError as FieldError }

/** An object with the required keys and no keys besides those and the optional ones. */
export function fields(
  v: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = []
): Record<string, unknown> {
  if (!isObj(v)) throw new CtrfFieldError(path, 'must be an object')
  const missing = required.find((k) => !(k in v))
  if (missing !== undefined) throw new CtrfFieldError(`${path}.${missing}`, 'is missing')
  const extra = Object.keys(v).find((k) => !required.includes(k) && !optional.includes(k))
  if (extra !== undefined)
    throw new CtrfFieldError(`${path}.${extra.slice(0, 40)}`, 'is not a field this file may have')
  return v
}

/** Code points in s, counting no further than max + 1. */
function codePointsUpTo(s: string, max: number): number {
  if (s.length <= max) return s.length
  let n = 0
  for (let i = 0; i < s.length && n <= max; i++, n++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) i++
  }
  return n
}

export function text(v: unknown, path: string, max: number, min = 0): string {
  if (typeof v !== 'string') throw new CtrfFieldError(path, 'must be a string')
  const n = codePointsUpTo(v, max)
  if (n > max) throw new CtrfFieldError(path, `is longer than the ${max} characters allowed`)
  if (n < min) throw new CtrfFieldError(path, `must have at least ${min} character(s)`)
  return v
}

export function matching(v: unknown, path: string, pattern: RegExp, what: string): string {
  if (typeof v !== 'string' || !pattern.test(v)) throw new CtrfFieldError(path, `must be ${what}`)
  return v
}

export function flag(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new CtrfFieldError(path, 'must be true or false')
  return v
}

export function whole(v: unknown, path: string, min: number, max: number): number {
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max)
    throw new CtrfFieldError(path, `must be a whole number from ${min} to ${max}`)
  return v as number
}

export function amount(v: unknown, path: string, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max)
    throw new CtrfFieldError(path, `must be a number from 0 to ${max}`)
  return v
}

export function choice<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    throw new CtrfFieldError(path, `must be one of ${allowed.join(', ')}`)
  return v as T
}

export function list(v: unknown, path: string, max: number, min = 0): unknown[] {
  if (!Array.isArray(v)) throw new CtrfFieldError(path, 'must be an array')
  if (v.length > max) throw new CtrfFieldError(path, `has ${v.length} entries, more than the ${max} allowed`)
  if (v.length < min)
    throw new CtrfFieldError(path, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`)
  return v
}
