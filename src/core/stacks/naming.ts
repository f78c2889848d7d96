/** Stack names of a run: the run prefix and the CloudFormation naming rules. Pure. */
import { ROOT_INSTANCE } from '../instance.js'

export const STACK_NAME_MAX = 128
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]*$/

/**
 * `<stack-prefix>[-<instance>]-<run_id>-<run_attempt>`, e.g. pyr-1234567890-1 (the root instance) or
 * pyr-orders-1234567890-1: two calls of one run never name a stack alike.
 */
export function runPrefix(stackPrefix: string, instance: string, runId: string, runAttempt: number): string {
  return `${stackPrefix}${instanceSegment(instance)}-${runId}-${runAttempt}`
}

/** What the instance adds to the run prefix: nothing for the root instance, else `-<instance>`. */
export function instanceSegment(instance: string): string {
  return instance === ROOT_INSTANCE ? '' : `-${instance}`
}

/** True when the name has the run prefix of this call, for any attempt of the run. */
export function hasCallPrefix(name: string, stackPrefix: string, instance: string, runId: string): boolean {
  const start = `${stackPrefix}${instanceSegment(instance)}-${runId}-`
  if (!name.startsWith(start)) return false
  return /^\d+(-|$)/.test(name.slice(start.length))
}

/** Why a name breaks the CloudFormation rules, or undefined when it is valid. */
export function stackNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty'
  if (name.length > STACK_NAME_MAX) return `it is ${name.length} characters long (at most ${STACK_NAME_MAX})`
  if (!/^[A-Za-z]/.test(name)) return 'it must start with a letter'
  if (!STACK_NAME.test(name)) return 'it may contain only letters, digits and hyphens'
  return undefined
}

/** Throws a message naming the input to fix when the run prefix cannot make valid stack names. */
export function assertValidPrefix(prefix: string): void {
  const problem = stackNameProblem(prefix)
  if (problem) {
    throw new Error(
      `The stack prefix "${prefix}" is not a valid CloudFormation stack name start: ${problem}. ` +
        'Set stack-prefix to letters, digits and hyphens, starting with a letter.'
    )
  }
}

/** Full names for a deploy-command's stack-names: `<prefix>-<name>`. */
export function prefixedNames(prefix: string, names: readonly string[]): string[] {
  return names.map((n) => `${prefix}-${n}`)
}

/** True when the name belongs to this run (starts with `<prefix>-` or is the prefix itself). */
export function hasRunPrefix(name: string, prefix: string): boolean {
  return name === prefix || name.startsWith(`${prefix}-`)
}

/** The environment-variable form of an output key: PYRAMID_OUTPUT_<Key> (non-word characters → _). */
export function outputEnvName(outputKey: string): string {
  return `PYRAMID_OUTPUT_${outputKey.replace(/[^A-Za-z0-9_]/g, '_')}`
}
