/**
 * The one error a bad set of inputs produces: every problem found, one line each, so a user fixes the
 * workflow once instead of once per run. Secret values never reach a problem line (see input-checks.ts).
 */
export class InputError extends Error {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(InputError.describe(problems))
    this.name = 'InputError'
    this.problems = problems
  }

  private static describe(problems: readonly string[]): string {
    const count = problems.length === 1 ? 'One input is' : `${problems.length} inputs are`
    return `${count} not valid; fix the step's \`with:\` values and run again:\n${problems.map((p) => `- ${p}`).join('\n')}`
  }
}
