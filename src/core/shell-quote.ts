/** Quoting arguments for bash command lines. Pure. */

/** Plain words as they are, anything else in single quotes. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@,+-]+$/.test(arg) ? arg : shellQuoteAlways(arg)
}

/** Always in single quotes (an appended argument then reads the same whatever it holds). */
export function shellQuoteAlways(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`
}
