/**
 * Gathers tests in report order. Repeated executions of one test inside one report (repetitions, retries,
 * reruns) become one test whose attempts are in execution order.
 */
import { testId, type ParsedTest } from '../core/results/model.js'

export class TestCollector {
  private readonly byId = new Map<string, ParsedTest>()

  add(test: ParsedTest): void {
    const id = testId(test)
    const seen = this.byId.get(id)
    if (!seen) {
      this.byId.set(id, test)
      return
    }
    seen.attempts.push(...test.attempts)
    if (seen.line === undefined && test.line !== undefined) seen.line = test.line
  }

  tests(): ParsedTest[] {
    return [...this.byId.values()]
  }
}
