/**
 * Reads LocalStack's init scripts (GET /_localstack/init, runtime/init.py at v4.14.0): ready once the
 * READY stage ran — it runs after the gateway answers, and "Ready." is logged after it — and failed when
 * any script ended in ERROR, which LocalStack itself does not treat as a failure: the stage still counts
 * as completed. BOOT scripts run in a separate process before LocalStack starts
 * (bin/docker-entrypoint.sh), so the server reports them UNKNOWN; their errors are only in the log,
 * in the line init.py logs for every failed script.
 */
import type { InitScripts } from '../ports.js'

export type InitVerdict =
  | { kind: 'done'; bootScripts: string[] }
  | { kind: 'waiting'; why: string }
  | { kind: 'failed'; reason: string }

export function judgeInitScripts(init: InitScripts | undefined): InitVerdict {
  if (!init) return { kind: 'done', bootScripts: [] }
  const failed = init.scripts.filter((s) => s.state === 'ERROR')
  if (failed.length > 0) return { kind: 'failed', reason: initScriptFailure(failed) }
  if (init.completed.READY !== true) {
    const running = init.scripts.filter((s) => s.stage === 'READY')
    const which = running.length ? ` (${running.map((s) => `${s.name} ${s.state}`).join(', ')})` : ''
    return { kind: 'waiting', why: `LocalStack's READY stage has not run yet${which}` }
  }
  return { kind: 'done', bootScripts: init.scripts.filter((s) => s.stage === 'BOOT').map((s) => s.name) }
}

/** init.py's log line for a failed script: `Error while running script Script(path='…', stage=BOOT, state=ERROR)`. */
export const FAILED_SCRIPT_LINE =
  /Error while running script Script\(path='([^']+)', stage=(\w+), state=ERROR\)/

export function failedScriptsInLog(log: readonly string[]): { stage: string; name: string }[] {
  const found: { stage: string; name: string }[] = []
  for (const line of log) {
    const m = FAILED_SCRIPT_LINE.exec(line)
    if (m) found.push({ stage: m[2]!, name: m[1]!.split('/').pop()! })
  }
  return found
}

export function initScriptFailure(failed: readonly { stage: string; name: string }[]): string {
  const listed = failed.map((s) => `${s.name} (stage ${s.stage})`).join(', ')
  const dirs = [...new Set(failed.map((s) => `/etc/localstack/init/${s.stage.toLowerCase()}.d`))].join(', ')
  return (
    `LocalStack init script ${listed} ended in ERROR; LocalStack carries on without it, so the tests would run ` +
    `against a half-prepared LocalStack. LocalStack's log shows the script's output: fix the script ` +
    `(in ${dirs} of the container).`
  )
}
