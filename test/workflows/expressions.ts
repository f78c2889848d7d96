/**
 * GitHub expressions evaluated with GitHub's own evaluator (@actions/expressions, the library behind the
 * Actions language service), so `if:` conditions, job outputs and names are computed, not pattern-matched.
 * The status functions (success, failure, always, cancelled) depend on where they are evaluated; the
 * caller supplies their values.
 */
import { data, Evaluator, Lexer, Parser } from '@actions/expressions'
import { truthy } from '@actions/expressions/result'

export interface StatusFunctions {
  success: boolean
  failure: boolean
  cancelled: boolean
}

const STATUS_NAMES = ['success', 'failure', 'cancelled', 'always'] as const
const CONTEXTS = [
  'github',
  'inputs',
  'needs',
  'env',
  'vars',
  'secrets',
  'steps',
  'matrix',
  'strategy',
  'job',
  'jobs',
  'runner'
]

/** Context values as plain JSON; a context left out is an empty object. */
export type Contexts = Partial<Record<(typeof CONTEXTS)[number], unknown>>

function statusFunctions(status: StatusFunctions) {
  const fn = (name: string, value: boolean) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value)
  })
  return new Map([
    ['success', fn('success', status.success)],
    ['failure', fn('failure', status.failure)],
    ['cancelled', fn('cancelled', status.cancelled)],
    ['always', fn('always', true)]
  ])
}

/** Evaluates one expression (the inside of `${{ }}`). */
export function evaluate(source: string, contexts: Contexts, status: StatusFunctions): data.ExpressionData {
  const functions = statusFunctions(status)
  const lexed = new Lexer(source).lex()
  const parsed = new Parser(lexed.tokens, CONTEXTS, [...functions.values()]).parse()
  const root = JSON.parse(
    JSON.stringify(Object.fromEntries(CONTEXTS.map((c) => [c, contexts[c] ?? {}]))),
    data.reviver
  ) as data.Dictionary
  return new Evaluator(parsed, root, functions).evaluate()
}

/** A string with `${{ }}` parts, as the runner renders it (each part coerced to a string). */
export function render(template: string, contexts: Contexts, status: StatusFunctions): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, inner: string) =>
    evaluate(inner, contexts, status).coerceString()
  )
}

/** An `if:` value: with or without `${{ }}` it is one expression (docs: jobs.<job_id>.if). */
export function conditionSource(condition: string): string {
  const whole = condition.trim().match(/^\$\{\{([\s\S]*)\}\}$/)
  return (whole?.[1] ?? condition).trim()
}

/**
 * Whether the condition calls a status function. Without one GitHub evaluates `success() && (<if>)`
 * (docs: "Evaluate expressions in workflows and actions", status check functions).
 */
export function hasStatusFunction(source: string): boolean {
  return STATUS_NAMES.some((name) => new RegExp(`(^|[^\\w.-])${name}\\s*\\(`, 'i').test(source))
}

/** Evaluates an `if:` the way GitHub does (missing status function → `success() && …`). */
export function condition(value: string | undefined, contexts: Contexts, status: StatusFunctions): boolean {
  if (value === undefined || value.trim() === '') return status.success
  const source = conditionSource(value)
  const result = truthy(evaluate(source, contexts, status))
  return hasStatusFunction(source) ? result : status.success && result
}
