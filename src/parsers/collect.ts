/**
 * Gathers tests in report order. Repeated executions of one test inside one report (repetitions, retries,
 * reruns) become one test whose attempts are in execution order. Identity is testId's (file + suite path
 * + name), kept as one map per file-and-suite so big reports do not hold a long key string per test.
 */
import type { ParsedTest } from '../core/results/model.js'

export class TestCollector {
  private readonly bySuite = new Map<string, Map<string, ParsedTest>>()
  private readonly ordered: ParsedTest[] = []

  private last: { file: string | undefined; suite: string[]; byName: Map<string, ParsedTest> } | undefined

  add(test: ParsedTest): void {
    const byName = this.suiteMap(test)

    const seen = byName.get(test.name)
    if (!seen) {
      byName.set(test.name, test)
      this.ordered.push(test)
      return
    }
    // A new array: attempts arrays may be shared and frozen (see junit/testcase.ts).
    seen.attempts = [...seen.attempts, ...test.attempts]
    if (seen.line === undefined && test.line !== undefined) seen.line = test.line
  }

  /** Consecutive tests usually share their suite array: look the suite up once per run of them. */
  private suiteMap(test: ParsedTest): Map<string, ParsedTest> {
    if (this.last && this.last.suite === test.suite && this.last.file === test.file) return this.last.byName
    const key = [test.file ?? '', ...test.suite].join('\u0000')
    let byName = this.bySuite.get(key)
    if (!byName) this.bySuite.set(key, (byName = new Map()))
    this.last = { file: test.file, suite: test.suite, byName }
    return byName
  }

  tests(): ParsedTest[] {
    return this.ordered
  }
}
