/** Checks for untrusted JSON read from a CTRF file: each names the path of the field that is wrong. */

export class CtrfFieldError extends Error {
  constructor(
    readonly path: string,
    problem: string
  ) {
    super(`${path} ${problem}`)
    this.name = 'CtrfFieldError'
  }
}

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function obj(v: unknown, path: string): Record<string, unknown> {
  if (!isObj(v)) throw new CtrfFieldError(path, 'must be an object')
  return v
}

export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new CtrfFieldError(path, 'must be an array')
  return v
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new CtrfFieldError(path, 'must be a string')
  return v
}

export function optStr(v: unknown, path: string): string | undefined {
  return v === undefined ? undefined : str(v, path)
}

export function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new CtrfFieldError(path, 'must be a finite number')
  return v
}

export function optNum(v: unknown, path: string): number | undefined {
  return v === undefined ? undefined : num(v, path)
}

export function int(v: unknown, path: string): number {
  if (!Number.isInteger(v)) throw new CtrfFieldError(path, 'must be an integer')
  return v as number
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new CtrfFieldError(path, 'must be true or false')
  return v
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new CtrfFieldError(path, `must be one of ${allowed.join(', ')}`)
  }
  return v as T
}

export function strRecord(v: unknown, path: string): Record<string, string> {
  const o = obj(v, path)
  const out: Record<string, string> = {}
  for (const [k, value] of Object.entries(o)) out[k] = str(value, `${path}.${k}`)
  return out
}

/** `{ key: value }` when value is defined, else `{}`: for spreading optional fields. */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}
