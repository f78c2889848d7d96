/** JSON reports are parsed whole: refuse big ones before reading, and name what is wrong with bad ones. */
import { readFile } from 'node:fs/promises'
import { JSON_MAX_BYTES } from '../limits.js'
import { ReportError } from '../report-error.js'
import { errorMessage } from '../../core/error-message.js'
import type { Sniffed } from '../sniff.js'

export async function readJson(file: string, sniffed: Sniffed): Promise<unknown> {
  if (sniffed.size > JSON_MAX_BYTES) {
    throw new ReportError(
      `it is ${mb(sniffed.size)} MB, over the ${mb(JSON_MAX_BYTES)} MB limit for JSON reports; ` +
        'write a JUnit XML report instead (XML is streamed and has no size limit)'
    )
  }
  const text = await readFile(file, sniffed.encoding)
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    const why = errorMessage(e).slice(0, 200)
    throw new ReportError(`it is not valid JSON (${why}); the runner may have been killed while writing it`)
  }
}

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')
}

/** Narrowing helpers for untrusted JSON. */
export const asObject = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined
export const asMs = (v: unknown): number => Math.max(0, asNumber(v) ?? 0)
