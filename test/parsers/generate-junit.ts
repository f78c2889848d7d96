/**
 * Writes large synthetic JUnit files for memory and speed checks (used by the parser tests and by
 * bench/parse-junit.ts). Shape: Surefire-like suites of 100 testcases, about 500 bytes per testcase,
 * every 10th failing with a trace, every 25th skipped, every 50th flaky (flakyFailure then pass).
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

export interface Generated {
  file: string
  bytes: number
  testcases: number
}

const TRACE = Array.from(
  { length: 6 },
  (_, i) => `\tat com.example.service.Handler${i}.invoke(Handler${i}.java:${40 + i})`
).join('\n')

const OUTPUT =
  'request # ok: GET /orders/42 answered 200 in 3 ms; body {"id":42,"status":"shipped","items":3}; ' +
  'cache miss, DynamoDB GetItem 1 RCU, EventBridge PutEvents accepted 1 entry; log level INFO; ' +
  'teardown closed 1 connection, released the table lease and flushed 12 metrics to the stub collector'

function testcase(n: number, cls: string): string {
  const head = `    <testcase name="handles request number ${n} with the default configuration" classname="${cls}" time="0.${(n % 997).toString().padStart(3, '0')}"`
  if (n % 10 === 0) {
    return `${head}>\n      <failure message="expected status 200 but got 500 for request ${n}" type="java.lang.AssertionError">java.lang.AssertionError: expected status 200 but got 500\n${TRACE}</failure>\n    </testcase>\n`
  }
  if (n % 25 === 0)
    return `${head}>\n      <skipped message="disabled until the fixture is rebuilt"/>\n    </testcase>\n`
  if (n % 50 === 1) {
    return `${head}>\n      <flakyFailure message="timeout" type="java.net.SocketTimeoutException"><stackTrace>java.net.SocketTimeoutException: timeout\n${TRACE}</stackTrace></flakyFailure>\n    </testcase>\n`
  }
  return `${head}>\n      <system-out>${OUTPUT.replace('#', String(n))}</system-out>\n    </testcase>\n`
}

/** Write testcases until `limit` is reached: a testcase count, or a byte size. */
export async function generateJUnit(
  file: string,
  limit: { testcases: number } | { bytes: number }
): Promise<Generated> {
  const out = createWriteStream(file)
  let bytes = 0
  let n = 0
  const more = (): boolean => ('testcases' in limit ? n < limit.testcases : bytes < limit.bytes)
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s)
    if (!out.write(s)) await once(out, 'drain')
  }
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="generated">\n')
  for (let suite = 0; more(); suite++) {
    const cls = `com.example.pkg${suite % 37}.GeneratedSuite${suite}Test`
    const parts = [`  <testsuite name="${cls}" tests="100" failures="10" skipped="4" time="1.5">\n`]
    for (let i = 0; i < 100 && more(); i++) {
      parts.push(testcase(n++, cls))
    }
    parts.push('  </testsuite>\n')
    await write(parts.join(''))
  }
  await write('</testsuites>\n')
  out.end()
  await once(out, 'finish')
  return { file, bytes, testcases: n }
}

/**
 * One testcase whose system-out (CDATA, which nobody asks for), failure message (an attribute value,
 * which the tokenizer must read across chunks) and failure trace (text, which the parser asks for) are
 * each `mb` MB: values of tens of MB, which the parser must cut while streaming.
 */
export async function generateHugeTextNodes(file: string, mb = 40): Promise<Generated> {
  const out = createWriteStream(file)
  const line = 'at com.example.Handler.invoke(Handler.java:42) '.repeat(20_000) + '\n' // ~1 MB
  let bytes = 0
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s)
    if (!out.write(s)) await once(out, 'drain')
  }
  await write('<testsuites><testsuite name="s"><testcase name="t"><system-out><![CDATA[')
  for (let i = 0; i < mb; i++) await write(line)
  await write(']]></system-out><failure message="')
  for (let i = 0; i < mb; i++) await write(line)
  await write('">')
  for (let i = 0; i < mb; i++) await write(line)
  await write('</failure></testcase></testsuite></testsuites>\n')
  out.end()
  await once(out, 'finish')
  return { file, bytes, testcases: 1 }
}
