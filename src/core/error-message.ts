/**
 * The message of anything thrown. Errors from another realm (a test VM, a worker) are not
 * `instanceof Error`, so this reads `message` from any object that has one.
 */
export function errorMessage(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message
  return String(e)
}
