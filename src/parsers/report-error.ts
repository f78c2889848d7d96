/** A report that cannot be read. `reason` says why and what to do; readReport turns it into a failure. */
export class ReportError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ReportError'
  }
}

/** The message of anything thrown (errors from another realm, e.g. a test VM, are not `instanceof Error`). */
export function errorMessage(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message
  return String(e)
}
