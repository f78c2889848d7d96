/**
 * The type-aware rules of eslint.config.js catch promises left floating or used where a value is
 * expected, with the types of the real project (the code is linted as if it were this file).
 */
import { describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

const SELF = fileURLToPath(import.meta.url)
const PROMISE_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises']
const eslint = new ESLint({ ruleFilter: ({ ruleId }) => PROMISE_RULES.includes(ruleId) })

async function promiseErrors(body: string): Promise<string[]> {
  const code = `async function work(): Promise<boolean> {\n  return true\n}\nexport async function f(): Promise<void> {\n${body}\n}\n`
  const [result] = await eslint.lintText(code, { filePath: SELF })
  const messages = result?.messages ?? []
  expect(messages.filter((m) => m.fatal)).toEqual([])
  return messages.map((m) => m.ruleId ?? '')
}

describe('promise rules', () => {
  it.each([
    ['a promise left floating', '  work()', 'no-floating-promises'],
    ['a rejected promise nobody handles', '  Promise.reject(new Error("x"))', 'no-floating-promises'],
    [
      'an async callback where a void one is expected',
      '  ;[1].forEach(async () => {})',
      'no-misused-promises'
    ],
    ['a promise as a condition', '  if (work()) return', 'no-misused-promises']
  ])('%s is an error', async (_what, body, rule) => {
    expect(await promiseErrors(body)).toEqual([`@typescript-eslint/${rule}`])
  })

  it.each([
    ['awaited', '  await work()'],
    ['marked as ignored on purpose', '  void work()'],
    ['awaited as a condition', '  if (await work()) return']
  ])('a promise %s is allowed', async (_what, body) => {
    expect(await promiseErrors(body)).toEqual([])
  })
})
