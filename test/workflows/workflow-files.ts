/** Loads the repository's workflows and action.yml as plain data, and finds the expressions inside them. */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}

export interface Job {
  name?: string
  needs?: string | string[]
  if?: string
  uses?: string
  with?: Record<string, unknown>
  secrets?: unknown
  steps?: Step[]
  outputs?: Record<string, string>
  permissions?: Record<string, string> | string
  concurrency?: unknown
  strategy?: { matrix?: Record<string, unknown> }
  env?: Record<string, unknown>
  'timeout-minutes'?: number | string
  'runs-on'?: unknown
}

export interface Workflow {
  name?: string
  on: Record<string, unknown> | string | string[]
  permissions?: Record<string, string> | string
  jobs: Record<string, Job>
}

export interface WorkflowFile {
  /** Path relative to the repository root, e.g. `.github/workflows/pyramid.yml`. */
  path: string
  text: string
  doc: Workflow
}

export interface ActionMetadata {
  inputs: Record<string, { default?: string; description?: string }>
  outputs: Record<string, unknown>
}

export function parseWorkflowText(path: string, text: string): WorkflowFile {
  return { path, text, doc: parse(text) as Workflow }
}

export function loadWorkflows(dir: string): WorkflowFile[] {
  return readdirSync(join(repoRoot, dir))
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = `${dir}/${f}`
      return parseWorkflowText(path, readFileSync(join(repoRoot, path), 'utf8'))
    })
}

export function loadAction(): ActionMetadata {
  return parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionMetadata
}

/** The events of a workflow's `on:`, whatever its form (string, list or map). */
export function events(doc: Workflow): Record<string, unknown> {
  if (typeof doc.on === 'string') return { [doc.on]: null }
  if (Array.isArray(doc.on)) return Object.fromEntries(doc.on.map((e) => [e, null]))
  return doc.on ?? {}
}

export function workflowCallInputs(doc: Workflow): Record<string, { type?: string; required?: boolean }> {
  const call = events(doc)['workflow_call'] as { inputs?: Record<string, { type?: string }> } | null
  return call?.inputs ?? {}
}

export function dispatchInputs(doc: Workflow): Record<string, unknown> {
  const dispatch = events(doc)['workflow_dispatch'] as { inputs?: Record<string, unknown> } | null
  return dispatch?.inputs ?? {}
}

export interface Expression {
  /** Where it sits, e.g. `jobs.unit.steps.3.with.unit-command`. */
  at: string
  text: string
}

/**
 * Every expression in a value: the insides of `${{ }}`, and a whole `if:` value without `${{ }}`
 * (GitHub evaluates `if:` as an expression either way).
 */
export function expressions(value: unknown, at = ''): Expression[] {
  if (typeof value === 'string') {
    const found = [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => ({ at, text: (m[1] ?? '').trim() }))
    const isIf = at === 'if' || at.endsWith('.if')
    return found.length === 0 && isIf ? [{ at, text: value }] : found
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => expressions(v, join2(at, String(i))))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => expressions(v, join2(at, k)))
  }
  return []
}

function join2(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`
}

/** Names referenced as `<context>.<name>` in the expressions, e.g. refs(exprs, 'needs') → ['plan']. */
export function refs(exprs: Expression[], context: string): { at: string; name: string; rest: string }[] {
  const pattern = new RegExp(`(?<![\\w.-])${context}\\.([A-Za-z_][\\w-]*)((?:\\.[A-Za-z_][\\w-]*)*)`, 'g')
  return exprs.flatMap((e) =>
    [...e.text.matchAll(pattern)].map((m) => ({ at: e.at, name: m[1] ?? '', rest: m[2] ?? '' }))
  )
}

export function needsOf(job: Job): string[] {
  if (job.needs === undefined) return []
  return Array.isArray(job.needs) ? job.needs : [job.needs]
}
