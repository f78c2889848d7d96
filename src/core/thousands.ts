/**
 * "3,004": an integer with thousands separators, as `toLocaleString('en-US')` writes it, without
 * loading the locale data (the first toLocaleString of a process costs tens of milliseconds). Other
 * numbers (fractions, -0, NaN, the infinities) go to toLocaleString itself. Pure.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US')
  return String(n).replace(GROUPS, ',')
}

const GROUPS = /\B(?=(\d{3})+$)/g
