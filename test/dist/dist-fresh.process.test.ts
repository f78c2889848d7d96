/** dist/ is committed: it must be exactly what `npm run package` builds from the current source. */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../harness/simulated-runner.js'

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

describe('dist/', () => {
  it('is up to date with the source (run `npm run package` and commit dist/)', () => {
    const fresh = path.join(mkdtempSync(path.join(os.tmpdir(), 'pyr-dist-')), 'dist')
    execFileSync(process.execPath, ['scripts/package.mjs', fresh], { cwd: REPO_ROOT, stdio: 'pipe' })
    const committed = path.join(REPO_ROOT, 'dist')
    expect(listFiles(committed)).toEqual(listFiles(fresh))
    for (const file of listFiles(fresh)) {
      const same = readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file)))
      expect({ file, same }).toEqual({ file, same: true })
    }
  }, 180_000)
})
