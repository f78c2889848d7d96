/**
 * Asks an endpoint whether it is LocalStack (`GET /_localstack/health`) and, when it is not, whether
 * anything answers there at all (HTTP, else a plain TCP connect). Every request has its own timeout so
 * that a hung endpoint never stalls the readiness loop.
 */
import net from 'node:net'
import type { HealthClient, InitScripts, LocalStackHealth } from '../../app/ports.js'
import { errorMessage } from '../../core/error-message.js'

// Nothing listens, or something accepted and closed at once (docker's port proxy before LocalStack listens).
const REFUSED = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'UND_ERR_SOCKET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN'
])

const NOT_YET = new Set([502, 503, 504])

class HealthTimeout extends Error {
  constructor(timeoutMs: number, cancelled: boolean) {
    super(cancelled ? 'cancelled' : `no answer within ${timeoutMs} ms`)
  }
}

export function createHealthClient(fetchImpl: typeof fetch = fetch): HealthClient {
  const get = async (url: string, timeoutMs: number, signal?: AbortSignal) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    try {
      const response = await fetchImpl(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout })
      return { status: response.status, ok: response.ok, body: await response.text() }
    } catch (err) {
      if (timeout.aborted || signal?.aborted) throw new HealthTimeout(timeoutMs, signal?.aborted === true)
      throw err
    }
  }
  return {
    async probe(endpoint, timeoutMs, signal) {
      let response: { status: number; ok: boolean; body: string }
      try {
        response = await get(joinUrl(endpoint, '/_localstack/health'), timeoutMs, signal)
      } catch (err) {
        // A connection that gives no answer in time is not ready yet (LocalStack busy starting).
        if (err instanceof HealthTimeout) return { kind: 'down', reason: err.message }
        const code = errorCode(err)
        if (code && REFUSED.has(code)) return { kind: 'down', reason: code }
        // An answer that is not HTTP: does the server at least accept connections?
        return (await tcpReachable(endpoint, timeoutMs))
          ? { kind: 'tcp' }
          : { kind: 'down', reason: code ?? errorMessage(err) }
      }
      // A gateway that is up while what is behind it is not (yet): not an answer.
      if (NOT_YET.has(response.status)) return { kind: 'down', reason: `HTTP ${response.status}` }
      const health = response.ok ? parseHealth(response.body) : undefined
      return health ? { kind: 'localstack', health } : { kind: 'http', status: response.status }
    },
    async initScripts(endpoint, timeoutMs, signal) {
      const response = await get(joinUrl(endpoint, '/_localstack/init'), timeoutMs, signal)
      if (response.status === 404) return undefined
      const init = response.ok ? parseInitScripts(response.body) : undefined
      if (!init)
        throw new Error(`/_localstack/init answered HTTP ${response.status}: ${response.body.slice(0, 200)}`)
      return init
    }
  }
}

function parseInitScripts(body: string): InitScripts | undefined {
  const raw = parseJson(body)
  if (!raw || !raw.completed || typeof raw.completed !== 'object' || !Array.isArray(raw.scripts))
    return undefined
  const completed: Record<string, boolean> = {}
  for (const [stage, done] of Object.entries(raw.completed as Record<string, unknown>))
    completed[stage] = done === true
  const text = (v: unknown) => (typeof v === 'string' ? v : 'UNKNOWN')
  const scripts = (raw.scripts as unknown[])
    .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
    .map((x) => ({
      stage: text(x.stage),
      name: typeof x.name === 'string' ? x.name : '(unnamed)',
      state: text(x.state)
    }))
  return { completed, scripts }
}

export function parseHealth(body: string): LocalStackHealth | undefined {
  const raw = parseJson(body)
  if (!raw || !raw.services || typeof raw.services !== 'object' || Array.isArray(raw.services))
    return undefined
  const services: Record<string, string> = {}
  for (const [name, state] of Object.entries(raw.services as Record<string, unknown>)) {
    services[name] = typeof state === 'string' ? state : 'unknown'
  }
  return {
    services,
    ...(typeof raw.edition === 'string' ? { edition: raw.edition } : {}),
    ...(typeof raw.version === 'string' ? { version: raw.version } : {})
  }
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    // Not JSON: whatever answers is not LocalStack's health endpoint.
    return undefined
  }
}

function joinUrl(endpoint: string, path: string): string {
  return endpoint.replace(/\/+$/, '') + path
}

function errorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } }).cause
  if (cause && typeof cause.code === 'string') return cause.code
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/** Opens and closes a TCP connection to the endpoint's host and port. */
export function tcpReachable(endpoint: string, timeoutMs: number): Promise<boolean> {
  const url = new URL(endpoint)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
