/**
 * How the GitHub runner stops a step, for chaos tests on the bundled action: the cancel (SIGINT, SIGTERM
 * 7.5 s later, then SIGKILL of the process tree 2.5 s after that; compressible), or a plain SIGKILL of
 * the tree. The tree is collected before the signal, as the runner does.
 */
import { spawnSync, type ChildProcess } from 'node:child_process'

export type StopMode = 'cancel' | 'kill'

function tree(pid: number): number[] {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
  const kids = r.stdout
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0)
  return [pid, ...kids.flatMap(tree)]
}

/** The runner's final kill: the step's process and every descendant. */
export function killTree(pid: number): void {
  for (const p of tree(pid)) {
    try {
      process.kill(p, 'SIGKILL')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Stops a running step the runner's way; resolves once `ended` resolved or the last kill was sent. */
export async function stopStep(
  child: ChildProcess,
  ended: Promise<unknown>,
  mode: StopMode,
  schedule = { term: 7500, kill: 2500 }
): Promise<void> {
  const gone = () => child.exitCode !== null || child.signalCode !== null
  if (gone()) return
  if (mode === 'kill') return killTree(child.pid!)
  child.kill('SIGINT')
  await Promise.race([ended, sleep(schedule.term)])
  if (gone()) return
  child.kill('SIGTERM')
  await Promise.race([ended, sleep(schedule.kill)])
  if (!gone()) killTree(child.pid!)
}
