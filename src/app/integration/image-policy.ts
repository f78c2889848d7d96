/**
 * Which LocalStack images start without an auth token. Since 2026-03-23 `latest` and every tag newer
 * than 4.14.0 exit 55 without LOCALSTACK_AUTH_TOKEN; a pinned tag up to 4.14.0 starts without one.
 * Anything we cannot read as a pinned version (latest, a floating `4.14`, a digest, another repository)
 * counts as needing a token.
 */
export const FREE_IMAGE = 'localstack/localstack:4.14.0'
const LAST_FREE: readonly number[] = [4, 14, 0]

export function needsAuthToken(image: string): boolean {
  const version = pinnedVersion(image)
  if (!version) return true
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0
    const b = LAST_FREE[i] ?? 0
    if (a !== b) return a > b
  }
  return false
}

/** [major, minor, patch] of `localstack/localstack:X.Y.Z` (optionally `docker.io/`, `v`, a `-variant`). */
function pinnedVersion(image: string): number[] | undefined {
  if (image.includes('@')) return undefined
  const slash = image.lastIndexOf('/')
  const colon = image.lastIndexOf(':')
  if (colon <= slash) return undefined
  const repository = image.slice(0, colon).replace(/^(docker\.io|index\.docker\.io)\//, '')
  if (repository !== 'localstack/localstack') return undefined
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-[A-Za-z0-9._-]+)?$/.exec(image.slice(colon + 1))
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined
}
