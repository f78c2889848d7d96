/**
 * Builds tests from the element events of a JUnit XML document, whatever tool wrote it: <testsuites> or
 * <testsuite> at the root, <testsuite>s nested to any depth, <testcase>s with failure/error/skipped and
 * Surefire's flaky/rerun children. Text is kept only where it is a failure's detail, and only up to a cap.
 */
import type { ParsedReport, ParsedTest } from '../../core/results/model.js'
import { bounded, type CappedText, NAME_MAX_CHARS, XML_MAX_DEPTH } from '../limits.js'
import { ReportError } from '../report-error.js'
import { DialectSignals } from './dialect.js'
import { dialectTitle } from './dialect-titles.js'
import { SuitePaths } from './suite-path.js'
import { OpenTestCase, RESULT_ELEMENTS, type Attrs } from './testcase.js'
import { foldRepetitions, junitRepeatRule } from '../repetitions.js'
import { foldLoadFailures } from '../load-failure.js'

type Suite = { path: string[]; file: string | undefined }
const NO_SUITE: string[] = []

export class JUnitHandler {
  private readonly tests: ParsedTest[] = []
  private readonly signals = new DialectSignals()
  private readonly suites: Suite[] = []
  private readonly paths = new SuitePaths()
  private depth = 0
  private testcase: { open: OpenTestCase; depth: number } | null = null
  /** One entry per element open inside the current testcase: where its text goes (null: nowhere). */
  private readonly capture: (CappedText | null)[] = []

  openTag(name: string, attrs: Attrs): void {
    this.depth++
    if (this.depth > XML_MAX_DEPTH) {
      throw new ReportError(
        `elements are nested deeper than ${XML_MAX_DEPTH} levels: this is not a test report`
      )
    }
    if (this.depth === 1) this.openRoot(name, attrs)
    if (this.testcase) return this.openInTestCase(name, attrs)
    if (name === 'testsuite') return this.openSuite(attrs)
    if (name === 'testcase') return this.openTestCase(attrs)
    if (name === 'property' && attrs.name) this.signals.property(attrs.name)
  }

  text(s: string): void {
    const target = this.capture[this.capture.length - 1]
    if (target) target.add(s)
  }

  get wantsText(): boolean {
    return this.capture.length > 0 && this.capture[this.capture.length - 1] !== null
  }

  closeTag(name: string): void {
    if (this.testcase) {
      if (this.depth === this.testcase.depth) {
        this.tests.push(this.testcase.open.finish())
        this.testcase = null
        this.capture.length = 0
      } else {
        this.capture.pop()
      }
    } else if (name === 'testsuite') {
      this.suites.pop()
    }
    this.depth--
  }

  report(): ParsedReport {
    const dialect = this.signals.dialect()
    const tests = foldLoadFailures(foldRepetitions(this.tests, junitRepeatRule(dialect)))
    return { format: 'junit', ...(dialect !== undefined ? { dialect } : {}), tests }
  }

  private openRoot(name: string, attrs: Attrs): void {
    if (name !== 'testsuites' && name !== 'testsuite') {
      throw new ReportError(
        `the root element is <${bounded(name, 64)}>, not <testsuites> or <testsuite>: this XML file is not a JUnit report`
      )
    }
    this.signals.root(name, attrs)
  }

  private openSuite(attrs: Attrs): void {
    this.signals.suite(attrs)
    const parent = this.suites[this.suites.length - 1]
    const path = parent ? [...parent.path] : []
    // Playwright writes one <testsuite> per file *per project* (hostname = project): the project is part of the path.
    if (this.signals.dialect() === 'playwright' && attrs.hostname)
      path.push(bounded(attrs.hostname, NAME_MAX_CHARS))
    if (attrs.name) path.push(bounded(attrs.name, NAME_MAX_CHARS))
    const file = attrs.file
      ? bounded(attrs.file, NAME_MAX_CHARS)
      : (parent?.file ?? this.fileFromSuiteName(attrs))
    this.suites.push({ path, file })
  }

  /** vitest and Playwright name each <testsuite> after its test file: that is where its tests live. */
  private fileFromSuiteName(attrs: Attrs): string | undefined {
    const d = this.signals.dialect()
    return (d === 'vitest' || d === 'playwright') && attrs.name
      ? bounded(attrs.name, NAME_MAX_CHARS)
      : undefined
  }

  private openTestCase(raw: Attrs): void {
    this.signals.testcase(raw)
    const attrs = this.signals.dialect() === 'node:test' ? unescapedTwice(raw) : raw
    const suite = this.suites[this.suites.length - 1]
    const path = this.paths.of(suite?.path ?? NO_SUITE, attrs.classname, attrs.name ?? '')
    const dialect = this.signals.dialect()
    const title = dialectTitle(dialect, path, attrs)
    const named = title.name === attrs.name ? attrs : { ...attrs, name: title.name }
    const file = suite?.file ?? (title.loadFailure && dialect === 'node:test' ? attrs.name : undefined)
    this.testcase = {
      open: new OpenTestCase(named, title.suite, file, {
        zeroBasedLines: dialect === 'pytest',
        loadFailure: title.loadFailure === true
      }),
      depth: this.depth
    }
  }

  private openInTestCase(name: string, attrs: Attrs): void {
    if (RESULT_ELEMENTS.has(name)) {
      this.signals.result(name)
      const a = this.signals.dialect() === 'node:test' ? unescapedTwice(attrs) : attrs
      this.capture.push(this.testcase!.open.openResult(name, a))
      return
    }
    // Surefire nests the trace of a flaky/rerun execution in <stackTrace>; it belongs to that execution.
    const parent = this.capture[this.capture.length - 1] ?? null
    this.capture.push(name === 'stackTrace' ? parent : null)
  }
}

/**
 * node:test's junit reporter (Node 20) escapes attribute values twice (`name="a &amp;quot;b&amp;quot;"`):
 * what the parser leaves is unescaped once more.
 */
function unescapedTwice(attrs: Attrs): Attrs {
  const out: Attrs = {}
  for (const [k, v] of Object.entries(attrs)) {
    out[k] = v.includes('&') ? v.replace(/&(quot|apos|lt|gt|amp);/g, (_, e: string) => ENTITIES[e] ?? _) : v
  }
  return out
}

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' }
