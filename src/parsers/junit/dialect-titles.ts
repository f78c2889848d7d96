/**
 * Where a dialect packs the suite path into the test's name, take it out again, so a test reads
 * "suite › title" once and its title is what the runner's own name filter (-t) matches at the end:
 * - vitest writes `name="describe > nested > title"` (the suite element is the file), Playwright the same
 *   with " › ";
 * - jest-junit's default templates write `name="<describe titles> <title>"` under a suite named after the
 *   *first* describe of the file ("undefined" when the file's first test is top-level), so the suite's
 *   name is taken off the start of the test's, and a test whose name does not start with it is not in it.
 * And where a dialect reports a file that did not load as a testcase, say so (`loadFailure`).
 */
import { LOAD_FAILURE_NAME } from '../../core/results/model.js'
import { bounded, NAME_MAX_CHARS } from '../limits.js'
import type { Attrs } from './testcase.js'

export interface DialectTitle {
  suite: string[]
  name: string
  loadFailure?: true
}

const PACKED_SEPARATORS = new Map([
  ['vitest', ' > '],
  ['playwright', ' › ']
])

export function dialectTitle(dialect: string | undefined, suite: string[], attrs: Attrs): DialectTitle {
  const name = attrs.name ?? ''
  const loadFailure = isLoadFailure(dialect, suite, attrs)
  if (loadFailure) return { suite: [], name: LOAD_FAILURE_NAME, loadFailure }
  const separator = dialect === undefined ? undefined : PACKED_SEPARATORS.get(dialect)
  if (separator !== undefined && name.includes(separator)) {
    const parts = name.split(separator)
    const title = parts.pop()!
    return { suite: [...suite, ...parts.map((p) => bounded(p, NAME_MAX_CHARS))], name: title }
  }
  if (dialect === 'jest-junit' && attrs.classname === name && suite.length > 0) {
    const inner = suite[suite.length - 1]!
    if (name.startsWith(`${inner} `) && name.length > inner.length + 1)
      return { suite, name: name.slice(inner.length + 1) }
    return { suite: suite.slice(0, -1), name }
  }
  return { suite, name }
}

/**
 * - jest-junit (JEST_JUNIT_REPORT_TEST_SUITE_ERRORS=true): classname "Test suite failed to run";
 * - vitest: a testcase named after its file, like its suite;
 * - pytest: an unnamed class and the error "collection failure";
 * - node:test: a failed top-level testcase named after the file's path.
 */
function isLoadFailure(dialect: string | undefined, suite: string[], attrs: Attrs): true | undefined {
  const name = attrs.name ?? ''
  const found =
    (dialect === 'jest-junit' && attrs.classname === LOAD_FAILURE_NAME) ||
    (dialect === 'vitest' && name !== '' && name === attrs.classname && name === suite[0]) ||
    (dialect === 'pytest' && attrs.classname === '' && name !== '' && !name.includes('[')) ||
    (dialect === 'node:test' && suite.length === 0 && attrs.failure !== undefined && isScriptPath(name))
  return found ? true : undefined
}

function isScriptPath(name: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\.{0,2}[\\/]).*\.[cm]?[jt]sx?$/.test(name) || /\.test\.[cm]?[jt]s$/.test(name)
}
