/**
 * Real webhook payloads from @octokit/webhooks-examples (api.github.com/index.json: one entry per event,
 * each with `examples`), and a RunContext around one of them, as the runner would give it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunContext } from '../../src/core/context.js'

type Payload = Record<string, unknown>
interface EventExamples {
  name: string
  examples: Payload[]
}

const all = JSON.parse(
  readFileSync(
    join(process.cwd(), 'node_modules/@octokit/webhooks-examples/api.github.com/index.json'),
    'utf8'
  )
) as EventExamples[]

/** A deep copy of the first example of `event` that passes `where` (so a test may change it freely). */
export function example(event: string, where: (p: Payload) => boolean = () => true): Payload {
  const found = all.find((e) => e.name === event)?.examples.find(where)
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event} example matching the test's filter`)
  return structuredClone(found)
}

export function contextFor(eventName: string, payload: Payload, ref: string): RunContext {
  return {
    eventName,
    payload,
    repository: 'Codertocat/Hello-World',
    sha: '0000000000000000000000000000000000000001',
    ref,
    runId: '17000000001',
    runAttempt: 2,
    serverUrl: 'https://github.com',
    job: 'pyramid',
    workflow: 'ci',
    runnerOs: 'Linux',
    runnerArch: 'X64'
  }
}
