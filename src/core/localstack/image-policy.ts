/**
 * Which LocalStack images start without an auth token. Since 2026-03-23 `latest` and the calendar-versioned
 * tags (`2026.3.0`, …) are the unified image, which exits 55 without LOCALSTACK_AUTH_TOKEN; every community
 * release up to 4.14.0 starts without one. LocalStack's release script (bin/docker-helper.sh at v4.14.0)
 * pushes each release as `X.Y.Z`, `X.Y` and `X` (plus `latest` and `stable`), each also with an `-amd64`
 * and an `-arm64` suffix; 4.14.0 was the last release, so `4.14` and `4` stay on it. Anything else (latest,
 * stable, a calendar tag, a digest, another repository) counts as needing a token.
 */
export const FREE_IMAGE = 'localstack/localstack:4.14.0'
const LAST_FREE: readonly number[] = [4, 14, 0]

export function needsAuthToken(image: string): boolean {
  const version = releaseTag(image)
  if (!version) return true
  for (let i = 0; i < version.length; i++) {
    const a = version[i] ?? 0
    const b = LAST_FREE[i] ?? 0
    if (a !== b) return a > b
  }
  return false
}

/** The version parts of `localstack/localstack:X[.Y[.Z]][-amd64|-arm64]` (also under `docker.io/`). */
function releaseTag(image: string): number[] | undefined {
  if (image.includes('@')) return undefined
  const slash = image.lastIndexOf('/')
  const colon = image.lastIndexOf(':')
  if (colon <= slash) return undefined
  const repository = image.slice(0, colon).replace(/^(docker\.io|index\.docker\.io)\//, '')
  if (repository !== 'localstack/localstack') return undefined
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?(?:-(?:amd64|arm64))?$/.exec(image.slice(colon + 1))
  return m
    ? m
        .slice(1)
        .filter((p) => p !== undefined)
        .map(Number)
    : undefined
}
