/**
 * The compact encoding of a test's rolling window: one character per run for the outcome, one for the
 * quantised duration, both run-length encoded for storage ("37p2f11p"). Pure.
 *
 * Outcomes: p passed, k flaky (failed, then passed on a retry), f failed once, F failed on every one of
 * several attempts, s skipped, "." not in that run. Durations: a log scale with three steps per doubling
 * (each step about 26% wider than the last, so a stored duration is within ±13% of the measured one),
 * from 0 ms up to about 35 minutes, one character of a 64-letter alphabet without digits.
 */
import type { TestStatus } from '../results/model.js'

export type OutcomeChar = 'p' | 'k' | 'f' | 'F' | 's' | '.'
export const ABSENT = '.'

const DURATION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/-_()[]<>{}'
const STEPS_PER_DOUBLING = 3

export function outcomeChar(outcome: TestStatus, attempts: number): OutcomeChar {
  if (outcome === 'passed') return 'p'
  if (outcome === 'flaky') return 'k'
  if (outcome === 'skipped') return 's'
  return attempts > 1 ? 'F' : 'f'
}

/** Executed (not skipped, not absent). */
export function ran(c: string): boolean {
  return c === 'p' || c === 'k' || c === 'f' || c === 'F'
}

export function failedChar(c: string): boolean {
  return c === 'f' || c === 'F'
}

/** Whether decoded windows hold only the characters above (what a file says is not trusted). */
export function isOutcomes(s: string): boolean {
  return /^[pkfFs.]*$/.test(s)
}
export function isDurations(s: string): boolean {
  return /^[A-Za-z+/\-_()[\]<>{}.]*$/.test(s)
}

export function durationChar(ms: number): string {
  const level = Math.round(STEPS_PER_DOUBLING * Math.log2(1 + Math.max(0, ms)))
  return DURATION_ALPHABET[Math.min(DURATION_ALPHABET.length - 1, level)]!
}

/** The middle of the duration's step, in ms; undefined for a run the test was not in. */
export function durationMs(c: string): number | undefined {
  const level = DURATION_ALPHABET.indexOf(c)
  return level < 0 ? undefined : Math.round(2 ** (level / STEPS_PER_DOUBLING) - 1)
}

/** "pppppfpp" → "5pf2p". The characters are never digits, so counts need no separator. */
export function runLengthEncode(s: string): string {
  const codes: number[] = []
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i)
    let j = i + 1
    while (j < s.length && s.charCodeAt(j) === c) j++
    if (j - i > 1) for (const d of String(j - i)) codes.push(d.charCodeAt(0))
    codes.push(c)
    i = j
  }
  return String.fromCharCode(...codes)
}

/** Inverse of runLengthEncode; throws on text that is not one or decodes to more than maxLength. */
export function runLengthDecode(s: string, maxLength: number): string {
  const codes: number[] = []
  let count = -1
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i)
    if (k >= 48 && k <= 57) {
      count = (count < 0 ? 0 : count * 10) + k - 48
      if (count > maxLength) throw new Error(`a window longer than ${maxLength} runs`)
      continue
    }
    const n = count < 0 ? 1 : count
    if (codes.length + n > maxLength) throw new Error(`a window longer than ${maxLength} runs`)
    for (let j = 0; j < n; j++) codes.push(k)
    count = -1
  }
  if (count >= 0) throw new Error(`not a run-length encoding: "${s.slice(0, 40)}"`)
  return String.fromCharCode(...codes)
}
