/**
 * The prefix every stack name starts with. serverless-test-pyramid passes a per-run prefix
 * (`<stack-prefix>-<run_id>-<run_attempt>`) both as the context value `pyramid:stackPrefix` and as the
 * environment variable PYRAMID_STACK_PREFIX, and refuses to deploy a stack whose name lacks it.
 * Locally, with neither set, the prefix is "dev".
 */
export const DEFAULT_STACK_PREFIX = 'dev'
export const STACK_PREFIX_CONTEXT = 'pyramid:stackPrefix'

/** CloudFormation stack names: a letter first, then letters, digits and hyphens, at most 128 characters. */
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]*$/
const MAX_STACK_NAME = 128

export function resolveStackPrefix(context: unknown, env: NodeJS.ProcessEnv): string {
  const fromContext = typeof context === 'string' && context !== '' ? context : undefined
  return fromContext ?? (env.PYRAMID_STACK_PREFIX || DEFAULT_STACK_PREFIX)
}

/** `<prefix>-<suffix>`, checked against CloudFormation's naming rules so a bad prefix fails at synth. */
export function stackName(prefix: string, suffix: string): string {
  const name = `${prefix}-${suffix}`
  if (!STACK_NAME.test(name) || name.length > MAX_STACK_NAME) {
    throw new Error(
      `stack name "${name}" is not valid for CloudFormation (a letter first, then letters, digits and hyphens, ` +
        `at most ${MAX_STACK_NAME} characters): fix PYRAMID_STACK_PREFIX or the context value ${STACK_PREFIX_CONTEXT}`
    )
  }
  return name
}
