/**
 * `go test -json` output (cmd/test2json events, one JSON object per line), read as a stream. A test is
 * its package + name; subtests ("TestA/case#01") nest under their parent, which is a test of its own
 * (as in `go test -v`'s "--- PASS" lines). Repeated runs of one test (`-count=N`) are its executions.
 * A package that does not build ("FAIL pkg [build failed]" on older go, `build-fail` events on newer)
 * or fails outside any test (a panic in TestMain) is one failed test of that package, with the output
 * that says why. Lines that are not events (the compiler's messages, captured with the events) are kept
 * as the build output of the package their "# pkg" header names.
 */
import { createReadStream } from 'node:fs'
import { LOAD_FAILURE_NAME, type ParsedTest } from '../../core/results/model.js'
import {
  bounded,
  CappedText,
  firstLine,
  MESSAGE_MAX_CHARS,
  NAME_MAX_CHARS,
  TRACE_MAX_CHARS
} from '../limits.js'
import type { ParsedAttempt, ReportParser } from '../parser.js'
import { asObject, asString } from '../json/read-json.js'

const EVENT_HEAD = /^\{"(?:Time|Action)":/m

export const goTestJsonParser: ReportParser = {
  format: 'go-json',
  claims: (head) => EVENT_HEAD.test(head) && /"Action"\s*:/.test(head) && /"Package"\s*:/.test(head),
  async parse(file, sniffed) {
    const reader = new GoEvents()
    for await (const line of boundedLines(file, sniffed.encoding)) reader.line(line)
    return { format: 'go-json', dialect: 'go test -json', tests: reader.tests() }
  }
}

interface Running {
  test: ParsedTest
  output: CappedText
}

/** An event line longer than this is not one go wrote: it is skipped, and the file read on. */
const LINE_MAX_CHARS = 1024 * 1024

/** The file's lines, in bounded memory: an over-long line is dropped up to its newline. */
async function* boundedLines(file: string, encoding: BufferEncoding): AsyncGenerator<string> {
  let pending = ''
  let dropping = false
  for await (const chunk of createReadStream(file, {
    encoding,
    highWaterMark: 256 * 1024
  }) as AsyncIterable<string>) {
    let from = 0
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      if (!dropping) yield pending + chunk.slice(from, nl)
      pending = ''
      dropping = false
      from = nl + 1
    }
    if (!dropping) pending += chunk.slice(from)
    if (pending.length > LINE_MAX_CHARS) {
      pending = ''
      dropping = true
    }
  }
  if (!dropping && pending !== '') yield pending
}

const BUILD_FAILED = /^FAIL\s+(\S+)\s+\[(build|setup) failed\]/

class GoEvents {
  private readonly byKey = new Map<string, ParsedTest>()
  private readonly ordered: ParsedTest[] = []
  private readonly running = new Map<string, Running>()
  private readonly packageOutput = new Map<string, CappedText>()
  private readonly packageFailedTests = new Set<string>()
  private buildPackage: string | undefined

  line(raw: string): void {
    const text = raw.trim()
    if (!text.startsWith('{')) return this.plainLine(raw)
    let e: Record<string, unknown> | undefined
    try {
      e = asObject(JSON.parse(text))
    } catch {
      return this.plainLine(raw)
    }
    if (e) this.event(e)
  }

  tests(): ParsedTest[] {
    for (const r of this.running.values())
      this.finish(r, 'failed', 0, 'the test did not finish: the test binary exited while it ran')
    this.running.clear()
    // The compiler's messages may arrive after the failure line: they are joined to it at the end.
    for (const t of this.ordered) {
      const detail = t.loadFailure ? this.packageOutput.get(t.suite[0]!)?.value().trim() : undefined
      if (detail) t.attempts[0]!.trace = detail
    }
    return this.ordered
  }

  private plainLine(raw: string): void {
    const header = /^# (\S+)/.exec(raw)
    if (header) {
      this.buildPackage = header[1]
      return
    }
    const failed = BUILD_FAILED.exec(raw)
    if (failed) return this.packageFailure(failed[1]!, `the package does not build ([${failed[2]} failed])`)
    if (this.buildPackage !== undefined) this.outputOf(this.buildPackage).add(raw + '\n')
  }

  private event(e: Record<string, unknown>): void {
    const action = asString(e.Action)
    const pkg = asString(e.Package) ?? asString(e.ImportPath)?.replace(/ \[.*\]$/, '')
    if (action === undefined || pkg === undefined) return
    const name = asString(e.Test)
    if (action === 'build-output') return void this.outputOf(pkg).add(asString(e.Output) ?? '')
    if (action === 'build-fail') return this.packageFailure(pkg, 'the package does not build')
    if (name === undefined) return this.packageEvent(pkg, action, e)
    const key = `${pkg}\u0000${name}`
    if (action === 'run') {
      this.running.set(key, { test: this.testOf(pkg, name), output: new CappedText(TRACE_MAX_CHARS) })
      return
    }
    const run = this.running.get(key)
    if (action === 'output') return void run?.output.add(asString(e.Output) ?? '')
    if (action === 'pass' || action === 'fail' || action === 'skip') {
      const r = run ?? { test: this.testOf(pkg, name), output: new CappedText(TRACE_MAX_CHARS) }
      this.running.delete(key)
      if (action === 'fail') this.packageFailedTests.add(pkg)
      const seconds = typeof e.Elapsed === 'number' ? e.Elapsed : 0
      this.finish(r, action === 'pass' ? 'passed' : action === 'fail' ? 'failed' : 'skipped', seconds)
    }
  }

  private packageEvent(pkg: string, action: string, e: Record<string, unknown>): void {
    if (action === 'output') return void this.outputOf(pkg).add(asString(e.Output) ?? '')
    if (action !== 'fail' || this.packageFailedTests.has(pkg)) return
    const why =
      asString(e.FailedBuild) !== undefined
        ? 'the package does not build'
        : 'the package failed outside any test'
    this.packageFailure(pkg, why)
  }

  private packageFailure(pkg: string, why: string): void {
    const key = `${pkg}\u0000`
    if (this.byKey.has(key)) return
    this.packageFailedTests.add(pkg)
    const attempt: ParsedAttempt = { outcome: 'failed', durationMs: 0, message: `${pkg}: ${why}` }
    const test: ParsedTest = {
      suite: [bounded(pkg, NAME_MAX_CHARS)],
      name: LOAD_FAILURE_NAME,
      attempts: [attempt],
      loadFailure: true
    }
    this.byKey.set(key, test)
    this.ordered.push(test)
  }

  private testOf(pkg: string, name: string): ParsedTest {
    const key = `${pkg}\u0000${name}`
    const seen = this.byKey.get(key)
    if (seen) return seen
    const parts = name.split('/')
    const test: ParsedTest = {
      suite: [pkg, ...parts.slice(0, -1)].map((s) => bounded(s, NAME_MAX_CHARS)),
      name: bounded(parts[parts.length - 1]!, NAME_MAX_CHARS),
      attempts: []
    }
    this.byKey.set(key, test)
    this.ordered.push(test)
    return test
  }

  private finish(r: Running, outcome: ParsedAttempt['outcome'], seconds: number, why?: string): void {
    const attempt: ParsedAttempt = { outcome, durationMs: Math.max(0, Math.round(seconds * 1000)) }
    if (outcome !== 'passed') {
      const detail = testOutput(r.output.value())
      const message = why ?? firstLine(detail)
      if (message !== undefined) attempt.message = bounded(message, MESSAGE_MAX_CHARS)
      if (detail) attempt.trace = detail
    }
    r.test.attempts = [...r.test.attempts, attempt]
  }

  private outputOf(pkg: string): CappedText {
    let out = this.packageOutput.get(pkg)
    if (!out) this.packageOutput.set(pkg, (out = new CappedText(TRACE_MAX_CHARS)))
    return out
  }
}

/** A test's own output without go test's framing lines ("=== RUN", "--- FAIL: …"). */
function testOutput(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):)/.test(l))
    .join('\n')
    .trim()
}
