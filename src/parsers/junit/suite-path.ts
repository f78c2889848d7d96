/**
 * A testcase's suite path: the enclosing <testsuite> names, then its class name unless that only repeats
 * them (Surefire, go, vitest: the suite is the class; bun, PHPUnit: the same path in another notation) or
 * the test name (jest-junit writes the full title in both; mocha's reporter the test's own title).
 */
import { bounded, NAME_MAX_CHARS } from '../limits.js'

const norm = (s: string): string => s.replace(/\s*(›|>|::|[\\/.])\s*/g, '.')

export class SuitePaths {
  private last: { suite: string[]; classname: string; path: string[] } | undefined

  of(suite: string[], classname: string | undefined, name: string): string[] {
    // node:test's reporter writes classname="test" on every testcase: a placeholder, not a class.
    if (!classname || classname === 'test' || classname === name || endsWithWord(name, classname))
      return suite
    // Testcases of one suite share a class name: decide once per run of them, and share the array.
    if (this.last && this.last.suite === suite && this.last.classname === classname) return this.last.path
    const cls = norm(classname)
    const joined = norm(suite.join('.'))
    const redundant = suite.some((s) => norm(s) === cls) || joined === cls || joined.endsWith(`.${cls}`)
    this.last = { suite, classname, path: redundant ? suite : [...suite, bounded(classname, NAME_MAX_CHARS)] }
    return this.last.path
  }
}

/** `name.endsWith(` ${word}`)`, without building that string for every testcase. */
function endsWithWord(name: string, word: string): boolean {
  const at = name.length - word.length - 1
  return at >= 0 && name.charCodeAt(at) === 32 && name.endsWith(word)
}
