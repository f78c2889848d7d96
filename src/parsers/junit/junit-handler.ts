/**
 * Builds tests from the element events of a JUnit XML document, whatever tool wrote it: <testsuites> or
 * <testsuite> at the root, <testsuite>s nested to any depth, <testcase>s with failure/error/skipped and
 * Surefire's flaky/rerun children. Text is kept only where it is a failure's detail, and only up to a cap.
 */
import type { ParsedReport } from '../../core/results/model.js'
import { TestCollector } from '../collect.js'
import { bounded, type CappedText, NAME_MAX_CHARS, XML_MAX_DEPTH } from '../limits.js'
import { ReportError } from '../report-error.js'
import { DialectSignals } from './dialect.js'
import { dialectTitle } from './dialect-titles.js'
import { SuitePaths } from './suite-path.js'
import { OpenTestCase, RESULT_ELEMENTS, type Attrs } from './testcase.js'

type Suite = { path: string[]; file: string | undefined }
const NO_SUITE: string[] = []

export class JUnitHandler {
  private readonly collector = new TestCollector()
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
    return !!this.capture[this.capture.length - 1]
  }

  closeTag(name: string): void {
    if (this.testcase) {
      if (this.depth === this.testcase.depth) {
        this.collector.add(this.testcase.open.finish())
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
    return { format: 'junit', ...(dialect !== undefined ? { dialect } : {}), tests: this.collector.tests() }
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

  private openTestCase(attrs: Attrs): void {
    this.signals.testcase(attrs)
    const suite = this.suites[this.suites.length - 1]
    const path = this.paths.of(suite?.path ?? NO_SUITE, attrs.classname, attrs.name ?? '')
    const dialect = this.signals.dialect()
    const title = dialectTitle(dialect, path, attrs.name ?? '')
    const named = title.name === attrs.name ? attrs : { ...attrs, name: title.name }
    const zeroBasedLines = dialect === 'pytest'
    this.testcase = {
      open: new OpenTestCase(named, title.suite, suite?.file, zeroBasedLines),
      depth: this.depth
    }
  }

  private openInTestCase(name: string, attrs: Attrs): void {
    if (RESULT_ELEMENTS.has(name)) {
      this.signals.result(name)
      this.capture.push(this.testcase!.open.openResult(name, attrs))
      return
    }
    // Surefire nests the trace of a flaky/rerun execution in <stackTrace>; it belongs to that execution.
    const parent = this.capture[this.capture.length - 1] ?? null
    this.capture.push(name === 'stackTrace' ? parent : null)
  }
}
