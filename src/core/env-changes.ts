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
