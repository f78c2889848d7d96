/**
 * Fresh docker and LocalStack stand-ins per test (jest hooks), apart from harness.ts so that the benches
 * can import the harness without jest.
 */
import { afterEach, beforeEach } from '@jest/globals'
import { createStandIns, type StandIns } from './harness.js'

/** Fresh stand-ins for every test of the file, cleaned up after each: call at the top level, read with `standIns()`. */
export function standInsPerTest(): () => StandIns {
  let current: StandIns | undefined
  beforeEach(async () => {
    current = await createStandIns()
  })
  afterEach(async () => {
    await current?.cleanup()
    current = undefined
  })
  return () => {
    if (current === undefined) throw new Error('the stand-ins exist only while a test runs')
    return current
  }
}
