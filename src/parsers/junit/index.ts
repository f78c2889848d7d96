/** JUnit XML, in every dialect: claimed by a leading '<', read as a stream. */
import type { ReportParser } from '../parser.js'
import { JUnitHandler } from './junit-handler.js'
import { streamXml } from './xml-stream.js'

export const junitParser: ReportParser = {
  format: 'junit',
  claims: (head) => head.startsWith('<'),
  async parse(file, sniffed) {
    const handler = new JUnitHandler()
    await streamXml(file, sniffed.encoding, handler)
    return handler.report()
  }
}
