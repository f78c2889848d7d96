/** The process project's setup: the real process and socket functions, should a fast test have run first. */
import { createRequire, syncBuiltinESMExports } from 'node:module'

// Required, not imported: an import here would fix the test file's own imports of child_process to the
// functions as they were before this file replaced them.
const childProcess = createRequire(import.meta.url)(
  'node:child_process'
) as typeof import('node:child_process')
const REAL = Symbol.for('serverless-test-pyramid.real-functions')
type Saved = { target: Record<string, unknown>; name: string; fn: unknown }[]
const saved = (childProcess as unknown as Record<symbol, Saved | undefined>)[REAL]
for (const s of saved ?? []) s.target[s.name] = s.fn
syncBuiltinESMExports()
