/** A report that cannot be read. `reason` says why and what to do; readReport turns it into a failure. */
export class ReportError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ReportError'
  }
}
