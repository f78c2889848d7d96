/** The AWS Query protocol as the SDK v3 speaks it: form-encoded requests, XML responses and errors. */

export type Params = Map<string, string>

export function parseForm(body: string): Params {
  return new Map(new URLSearchParams(body))
}

/** `Prefix.member.N.Field` (or `Prefix.member.N` when field is undefined) → ordered values. */
export function memberList(p: Params, prefix: string): string[] {
  const out: string[] = []
  for (let i = 1; p.has(`${prefix}.member.${i}`); i++) out.push(p.get(`${prefix}.member.${i}`) ?? '')
  return out
}

export function memberPairs(p: Params, prefix: string, key: string, value: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 1; p.has(`${prefix}.member.${i}.${key}`); i++) {
    out[p.get(`${prefix}.member.${i}.${key}`) ?? ''] = p.get(`${prefix}.member.${i}.${value}`) ?? ''
  }
  return out
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** An XML element for each defined field, in order. */
export function fields(obj: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${esc(String(v))}</${k}>`)
    .join('')
}

export function members(items: string[]): string {
  return items.map((i) => `<member>${i}</member>`).join('')
}

export function okResponse(action: string, ns: string, result: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ns}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  )
}

export function errorResponse(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">` +
    `<Error><Type>Sender</Type><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  )
}

export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}
