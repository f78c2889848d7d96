/**
 * Environment changes as data: a string sets a variable, undefined removes it. Lifecycles return
 * changes; the one function here applies them to a base environment. Pure; the base is not modified.
 */
export type EnvChanges = Record<string, string | undefined>

export function applyEnvChanges(
  base: Record<string, string | undefined>,
  changes: EnvChanges
): Record<string, string | undefined> {
  const out = { ...base }
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k]
    else out[k] = v
  }
  return out
}

/**
 * The changes that append values to variables (after a space, to what `base` has: NODE_OPTIONS,
 * PYTEST_ADDOPTS) and set defaults where `base` has nothing.
 */
export function envAdditions(
  base: Readonly<Record<string, string | undefined>>,
  append: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>
): EnvChanges {
  const changes: EnvChanges = {}
  for (const [k, v] of Object.entries(defaults)) if (!base[k]) changes[k] = v
  for (const [k, v] of Object.entries(append)) changes[k] = base[k] ? `${base[k]} ${v}` : v
  return changes
}
