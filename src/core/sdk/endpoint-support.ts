/**
 * AWS SDKs too old to honour AWS_ENDPOINT_URL, found in a project's lockfiles. Such an SDK ignores the
 * variable the integration tier sets and sends its requests to AWS instead of the emulator. The first
 * releases that read it (service-specific and global endpoint URLs from the environment):
 * - AWS SDK for JavaScript v3: 3.428.0 (2023-10-12), the first release after "chore: read service specific
 *   endpoints from env/config" (aws/aws-sdk-js-v3 #5350, merged 2023-10-11; 3.427.0 is from 2023-10-06);
 *   in aws/aws-sdk-js-v3 #5364 the maintainers show @aws-sdk/client-s3 3.428.0 honouring it. Every
 *   @aws-sdk/client-* package is released with the same version number.
 * - botocore 1.31.0 / boto3 1.28.0 (2023-07-06): "feature:configuration: Configure the endpoint URL in the
 *   shared configuration file or via an environment variable for a specific AWS service or all AWS
 *   services" (botocore CHANGELOG.rst 1.31.0; boto3 CHANGELOG.rst 1.28.0).
 * Pure: the caller passes the files' text.
 */

export interface SdkPin {
  package: string
  version: string
  /** The lockfile it was read from. */
  file: string
}

export interface OldSdk extends SdkPin {
  /** The first version that honours AWS_ENDPOINT_URL. */
  firstHonouring: string
}

export const FIRST_HONOURING = {
  awsSdkJsV3: '3.428.0',
  boto3: '1.28.0',
  botocore: '1.31.0'
} as const

/** Lockfiles and requirement files read, in the working directory. */
export const SDK_LOCKFILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'requirements.txt',
  'requirements-dev.txt',
  'requirements-test.txt',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock'
] as const

export function oldSdks(files: readonly { file: string; text: string }[]): OldSdk[] {
  const out: OldSdk[] = []
  const seen = new Set<string>()
  for (const f of files) {
    for (const pin of pinsIn(f.file, f.text)) {
      const first = firstHonouring(pin.package)
      const key = `${pin.package}@${pin.version}`
      if (first === undefined || seen.has(key) || compareVersions(pin.version, first) >= 0) continue
      seen.add(key)
      out.push({ ...pin, firstHonouring: first })
    }
  }
  return out
}

function firstHonouring(pkg: string): string | undefined {
  if (/^@aws-sdk\/client-/.test(pkg)) return FIRST_HONOURING.awsSdkJsV3
  if (pkg === 'boto3') return FIRST_HONOURING.boto3
  if (pkg === 'botocore') return FIRST_HONOURING.botocore
  return undefined
}

const VERSION = /^\d+(\.\d+){1,3}$/

function pinsIn(file: string, text: string): SdkPin[] {
  const base = file.split('/').pop() ?? file
  const pins: SdkPin[] = []
  const add = (pkg: string, version: string) => {
    const v = version.trim().replace(/^[=v]+/, '')
    if (VERSION.test(v) && !INTERNAL_CLIENTS.has(pkg))
      pins.push({ package: pkg.toLowerCase(), version: v, file })
  }
  if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') {
    npmLockPins(parseJson(text), add)
  } else if (base === 'yarn.lock') {
    // "@aws-sdk/client-dynamodb@^3.300.0", "@aws-sdk/client-dynamodb@npm:3.350.0":\n  version "3.350.0"
    for (const m of text.matchAll(/^"?(@aws-sdk\/client-[\w.-]+)@[^\n]*\n\s+version:?\s+"?([\d.]+)"?/gm))
      add(m[1]!, m[2]!)
  } else if (base === 'pnpm-lock.yaml') {
    // /@aws-sdk/client-dynamodb@3.350.0: (v6), '@aws-sdk/client-dynamodb@3.350.0': (v9), /@aws-sdk/client-dynamodb/3.350.0: (v5)
    for (const m of text.matchAll(
      /^\s+['"]?\/?(@aws-sdk\/client-[\w.-]+)[@/](\d+\.\d+\.\d+)[^:\n]*['"]?:\s*$/gm
    ))
      add(m[1]!, m[2]!)
  } else if (base.startsWith('requirements')) {
    for (const m of text.matchAll(/^\s*(boto3|botocore)\s*(?:\[[^\]]*\])?\s*==\s*([\d.]+)/gim))
      add(m[1]!, m[2]!)
  } else if (base === 'poetry.lock' || base === 'uv.lock') {
    for (const m of text.matchAll(/^name\s*=\s*"(boto3|botocore)"\s*\nversion\s*=\s*"([\d.]+)"/gm))
      add(m[1]!, m[2]!)
  } else if (base === 'Pipfile.lock') {
    const doc = parseJson(text)
    for (const section of ['default', 'develop']) {
      const deps = isRecord(doc?.[section]) ? doc[section] : {}
      for (const name of ['boto3', 'botocore']) {
        const entry = deps[name]
        if (isRecord(entry) && typeof entry.version === 'string') add(name, entry.version)
      }
    }
  }
  return pins
}

/** Clients the SDK's own credential providers use: never the project's traffic. */
const INTERNAL_CLIENTS = new Set(['@aws-sdk/client-sso', '@aws-sdk/client-sso-oidc'])

/**
 * npm lockfiles: the clients the project itself depends on (v2/v3 `packages[""]`, resolved at
 * node_modules/<name>); without any, every client installed at the top level but the internal ones.
 * Lockfile v1: its `dependencies`.
 */
function npmLockPins(
  doc: Record<string, unknown> | undefined,
  add: (pkg: string, version: string) => void
): void {
  const packages = isRecord(doc?.packages) ? doc.packages : undefined
  if (packages) {
    const root = isRecord(packages['']) ? packages[''] : {}
    const direct = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((k) =>
      isRecord(root[k]) ? Object.keys(root[k]) : []
    )
    const declared = direct.filter((n) => n.startsWith('@aws-sdk/client-'))
    const names =
      declared.length > 0
        ? declared
        : Object.keys(packages)
            .map((where) => /^node_modules\/(@aws-sdk\/client-[^/]+)$/.exec(where)?.[1])
            .filter((n): n is string => n !== undefined)
    for (const name of names) {
      const entry = packages[`node_modules/${name}`]
      if (isRecord(entry) && typeof entry.version === 'string') add(name, entry.version)
    }
    return
  }
  const deps = isRecord(doc?.dependencies) ? doc.dependencies : {}
  for (const [name, entry] of Object.entries(deps)) {
    if (name.startsWith('@aws-sdk/client-') && isRecord(entry) && typeof entry.version === 'string')
      add(name, entry.version)
  }
}

/** Numeric comparison of dotted versions (missing parts are 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return isRecord(v) ? v : undefined
  } catch {
    return undefined
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The integration tier's warning: what was found, why it matters, what to do. */
export function oldSdkWarning(found: readonly OldSdk[]): string | undefined {
  if (found.length === 0) return undefined
  const shown = found
    .slice(0, 5)
    .map((f) => `${f.package} ${f.version} (${f.file}; ${f.firstHonouring} is the first that does)`)
  const more = found.length > 5 ? ` and ${found.length - 5} more` : ''
  return (
    `the lockfile resolves an AWS SDK that ignores AWS_ENDPOINT_URL: ${shown.join(', ')}${more}. ` +
    'Its requests go to AWS, not to LocalStack, unless the tests pass the endpoint themselves; update it ' +
    '(@aws-sdk/client-* to 3.428.0 or later, boto3 to 1.28.0 / botocore to 1.31.0 or later).'
  )
}
