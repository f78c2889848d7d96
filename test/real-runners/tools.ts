/**
 * Which real runners this machine has, for the suites that run them. A suite whose tool is missing says
 * plainly that it did not run and why; with PYRAMID_REQUIRE_TOOLS=1 (CI) a missing tool fails it.
 */
import { describe, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

export const ROOT = process.cwd()
export const TOOLCHAIN = path.join(ROOT, 'test/real-runners/toolchain/node_modules')

/** The pyenv python (pytest 9) and Debian's (pytest-rerunfailures): found by asking them. */
export function python(candidates: string[], module: string): { bin: string } | { missing: string } {
  for (const bin of candidates) {
    const r = spawnSync(bin, ['-c', `import ${module}`], { encoding: 'utf8' })
    if (r.status === 0) return { bin }
  }
  return { missing: `no python among ${candidates.join(', ')} can import ${module}` }
}

export function goTool(): { bin: string } | { missing: string } {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' })
  return r.status === 0
    ? { bin: 'go' }
    : { missing: 'go is not installed (.ci/run installs Debian’s golang-go)' }
}

/** A package of the toolchain project (.ci/run installs it with npm ci --prefix test/real-runners/toolchain). */
export function toolchain(pkg: string): { dir: string } | { missing: string } {
  const dir = path.join(TOOLCHAIN, pkg)
  return existsSync(path.join(dir, 'package.json'))
    ? { dir }
    : { missing: `${pkg} is not installed: run npm ci --prefix test/real-runners/toolchain` }
}

export function describeWithTool(name: string, tool: { missing: string } | object, body: () => void): void {
  if (!('missing' in tool)) return describe(name, body)
  describe(name, () => {
    it(`did not run: ${tool.missing}`, () => {
      if (process.env.PYRAMID_REQUIRE_TOOLS === '1') {
        throw new Error(`${name} must run here (PYRAMID_REQUIRE_TOOLS=1), but ${tool.missing}`)
      }
      console.warn(`${name}: did not run, ${tool.missing}`)
    })
  })
}
