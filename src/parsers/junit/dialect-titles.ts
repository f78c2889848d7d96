/**
 * Where a dialect packs the suite path into the test's name, take it out again, so a test reads
 * "suite › title" once and its title is what the runner's own name filter (-t) matches at the end:
 * - vitest writes `name="describe > nested > title"` (the suite element is the file);
 * - jest-junit's default templates write `name="<describe titles> <title>"` under a suite named after the
 *   outer describe, so the suite's name is repeated at the start of the test's.
 */
import { bounded, NAME_MAX_CHARS } from '../limits.js'

export function dialectTitle(
  dialect: string | undefined,
  suite: string[],
  name: string
): { suite: string[]; name: string } {
  if (dialect === 'vitest' && name.includes(' > ')) {
    const parts = name.split(' > ')
    const title = parts.pop()!
    return { suite: [...suite, ...parts.map((p) => bounded(p, NAME_MAX_CHARS))], name: title }
  }
  const inner = suite[suite.length - 1]
  if (dialect === 'jest-junit' && inner && name.startsWith(`${inner} `) && name.length > inner.length + 1) {
    return { suite, name: name.slice(inner.length + 1) }
  }
  return { suite, name }
}
