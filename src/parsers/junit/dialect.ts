/** Which tool wrote a JUnit file, as a hint for humans. Only marks the tools leave on purpose are used. */
import type { Attrs } from './testcase.js'

/** Default root names (a Map: attribute values are untrusted, "constructor" must not find anything). */
const ROOT_NAMES = new Map([
  ['jest tests', 'jest-junit'],
  ['vitest tests', 'vitest'],
  ['Mocha Tests', 'mocha'],
  ['bun test', 'bun']
])

export class DialectSignals {
  private found: string | undefined
  private suites = 0
  private cases = 0

  root(element: string, attrs: Attrs): void {
    if (attrs.name !== undefined) this.note(ROOT_NAMES.get(attrs.name))
    if (element === 'testsuites' && attrs.id !== undefined && attrs.name !== undefined)
      this.note('playwright')
  }

  suite(attrs: Attrs): void {
    if (this.suites++ > 2) return
    if ((attrs['xsi:noNamespaceSchemaLocation'] ?? '').includes('surefire')) this.note('surefire')
    if (attrs.name === 'pytest') this.note('pytest')
    if (attrs.package !== undefined && attrs.id !== undefined) this.note('karma')
  }

  testcase(attrs: Attrs): void {
    if (this.cases++ > 2) return
    if (attrs.assertions !== undefined && attrs.class !== undefined) this.note('phpunit')
    // node:test's reporter writes classname="test" on every testcase.
    if (attrs.classname === 'test') this.note('node:test')
  }

  property(name: string): void {
    if (name === 'go.version') this.note('go-junit-report')
  }

  result(element: string): void {
    if (element.startsWith('flaky') || element.startsWith('rerun')) this.note('surefire')
  }

  dialect(): string | undefined {
    return this.found
  }

  private note(d: string | undefined): void {
    this.found ??= d
  }
}
