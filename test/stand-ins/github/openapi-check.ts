/**
 * Checks the stand-in's traffic against GitHub's OpenAPI description (@octokit/openapi): request bodies
 * and response bodies of the operations it implements are validated with ajv against the operation's
 * schemas. The 73 MB description is read once per process and only the needed schemas are compiled.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'

interface Operation {
  method: string
  template: string
  /** The template as a regex over the path. */
  pattern: RegExp
}

type Spec = {
  paths: Record<
    string,
    Record<string, { description?: string; requestBody?: Content; responses: Record<string, Content> }>
  >
}
type Content = { content?: Record<string, { schema: object }> }

let spec: Spec | undefined
const validators = new Map<string, ValidateFunction | null>()
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })

function load(): Spec {
  if (!spec) {
    const file = createRequire(import.meta.url).resolve(
      '@octokit/openapi/generated/api.github.com.deref.json'
    )
    spec = JSON.parse(readFileSync(file, 'utf8')) as Spec
  }
  return spec
}

export function operation(method: string, template: string): Operation {
  const pattern = new RegExp(`^${template.replace('{path}', '(.+)').replace(/\{[^}]+\}/g, '([^/]+)')}$`)
  if (!load().paths[template]?.[method.toLowerCase()])
    throw new Error(`stand-in: ${method} ${template} is not in the OpenAPI description`)
  return { method, template, pattern }
}

/** A JSON.parse reviver: a `nullable` enum that does not list null admits it. */
function nullableEnum(_key: string, v: unknown): unknown {
  const o = v as { nullable?: unknown; enum?: unknown } | null
  return o?.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)
    ? { ...o, enum: [...(o.enum as unknown[]), null] }
    : v
}

function validator(key: string, schema: () => object | undefined): ValidateFunction | null {
  if (!validators.has(key)) {
    const s = schema()
    // The description uses oneOf where variants overlap (e.g. a basic error matches both 409 shapes);
    // GitHub's own bodies match several, so variants are checked as anyOf. It also marks enums
    // `nullable` without listing null (a job's `conclusion` is null while it runs), which ajv reads
    // as "never null": such an enum admits null, as GitHub answers.
    validators.set(
      key,
      s
        ? ajv.compile(
            JSON.parse(JSON.stringify(s).replaceAll('"oneOf":', '"anyOf":'), nullableEnum) as object
          )
        : null
    )
  }
  return validators.get(key)!
}

/** Errors (empty when valid) of a response body for an operation and status. */
export function checkResponse(op: Operation, status: number, body: unknown): string[] {
  const responses = load().paths[op.template]![op.method.toLowerCase()]!.responses
  if (!responses[String(status)]) {
    // GitHub answers 404 on every operation (a missing comment, repository or token scope), and 403
    // "Resource not accessible by integration" on every operation a token lacks the permission for,
    // though the description omits them on some; they must still be GitHub's basic error shape.
    const basic =
      typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
    if ((status === 404 || status === 403) && basic) return []
    return [`${op.method} ${op.template}: status ${status} is not documented`]
  }
  const v = validator(
    `res ${op.method} ${op.template} ${status}`,
    () => responses[String(status)]?.content?.['application/json']?.schema
  )
  if (!v || status === 204) return []
  return v(body) ? [] : [`${op.method} ${op.template} ${status}: ${ajv.errorsText(v.errors)}`]
}

export function checkRequest(op: Operation, body: unknown): string[] {
  const rb = load().paths[op.template]![op.method.toLowerCase()]!.requestBody
  const v = validator(`req ${op.method} ${op.template}`, () => rb?.content?.['application/json']?.schema)
  if (!v) return []
  return v(body) ? [] : [`request ${op.method} ${op.template}: ${ajv.errorsText(v.errors)}`]
}

/** A raw body is only right where the operation documents the raw media type. */
export function checkRawMediaType(op: Operation): string[] {
  const description = load().paths[op.template]![op.method.toLowerCase()]!.description ?? ''
  return description.includes('application/vnd.github.raw')
    ? []
    : [`${op.method} ${op.template}: answered raw, but the raw media type is not documented for it`]
}
