/**
 * The `instance` of a pyramid call (SPEC §4): one run may call the pyramid several times (a monorepo
 * calling it once per service, a matrix caller), and the instance keeps the calls apart — in artifact
 * names, concurrency groups, comment sections and stack names. Its default is derived from
 * working-directory. Pure.
 */

export const INSTANCE_MAX = 24
/** The instance of a call from the repository root: it adds nothing to stack names (SPEC §8 names). */
export const ROOT_INSTANCE = 'root'
const INSTANCE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/

export function isInstanceName(name: string): boolean {
  return name.length <= INSTANCE_MAX && INSTANCE.test(name)
}

export const INSTANCE_WHAT = `an instance name: lower-case letters, digits and hyphens (not first or last), at most ${INSTANCE_MAX} characters`

/** 'services/orders' → 'services-orders'; '.' → 'root'; too long → its start and a hash of the whole. */
export function instanceFromDirectory(relativeDir: string): string {
  const slug = slugify(relativeDir.replace(/\\/g, '/').replace(/^(\.\/)+/, ''))
  if (slug === '') return ROOT_INSTANCE
  return fitted(slug, INSTANCE_MAX)
}

/**
 * The job's identity within its call: the job id and its matrix values (`matrix` is the JSON the runner
 * gives for `toJSON(matrix)`, 'null' outside a matrix), e.g. unit + {"shard":2} → 'unit-2'.
 */
export function jobKey(job: string, matrix: Record<string, unknown> | undefined): string {
  const values = Object.values(matrix ?? {}).map((v) =>
    v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)
  )
  return fitted(slugify([job, ...values].join('-')) || 'job', 60)
}

/** The comment section of a job: its key plus the instance (unless root) and the tiers it reports. */
export function sectionKey(key: string, instance: string, tiers: readonly string[]): string {
  const parts = [key, instance === ROOT_INSTANCE ? '' : instance, tiers.join('-') || 'none']
  return fitted(slugify(parts.filter((p) => p !== '').join('-')), 60)
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** Short enough for `max`: a cut keeps 7 characters for a hash of the whole, so two long names differ. */
function fitted(slug: string, max: number): string {
  if (slug.length <= max) return slug
  const head = slug.slice(0, max - 7).replace(/-+$/, '')
  return `${head}-${fnv1a(slug).slice(0, 6)}`
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
