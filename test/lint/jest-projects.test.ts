/**
 * Every test file belongs to exactly one Jest project (jest.config.js): applying each project's own
 * roots and patterns to the files under test/, a file that looks like a test runs once, in `fast` or in
 * `process`. A file that gates on a system tool (describeWithTool, chromiumMissing) or imports
 * child_process starts processes by design, so it must be a `*.process.test.ts`: the in-process guard
 * (test/setup/in-process-only.ts) would only catch it where the tool is installed.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface Project {
  displayName: string
  roots: string[]
  testRegex: string[]
  testPathIgnorePatterns: string[]
  modulePathIgnorePatterns: string[]
}

const config = (await import(pathToFileURL(path.join(ROOT, 'jest.config.js')).href)) as {
  default: { projects: Project[] }
}
const projects = config.default.projects

/** Files whose name says "test" or "spec", wherever they are under test/ (data included). */
function testLikeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testLikeFiles(file)
    return /\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name) ? [file] : []
  })
}

function inProject(project: Project, file: string): boolean {
  const rooted = (pattern: string) => pattern.replaceAll('<rootDir>', ROOT)
  return (
    project.roots.some((root) => file.startsWith(rooted(root) + path.sep)) &&
    project.testRegex.some((re) => new RegExp(re).test(file)) &&
    !project.testPathIgnorePatterns.some((re) => new RegExp(re).test(file)) &&
    !project.modulePathIgnorePatterns.some((re) => new RegExp(rooted(re)).test(file))
  )
}

const files = testLikeFiles(path.join(ROOT, 'test'))
const projectsOf = (file: string) => projects.filter((p) => inProject(p, file)).map((p) => p.displayName)
const relative = (file: string) => path.relative(ROOT, file)
/** Test files of the runners we run for real, and reports' fixtures: data, run by no project. */
const isData = (file: string) => /[/\\](fixtures|toolchain)[/\\]/.test(relative(file))

describe('jest projects', () => {
  it('are the fast and the process project', () => {
    expect(projects.map((p) => p.displayName)).toEqual(['fast', 'process'])
  })

  it('put every test file in exactly one project, and data in none', () => {
    const wrong = files
      .map((file) => ({ file: relative(file), in: projectsOf(file), data: isData(file) }))
      .filter((f) => f.in.length !== (f.data ? 0 : 1))
    expect(wrong).toEqual([])
    expect(files.filter((f) => !isData(f)).length).toBeGreaterThan(50)
  })

  it('sort a file by its name: *.process.test.ts is process, any other *.test.ts is fast', () => {
    const at = (name: string) => projectsOf(path.join(ROOT, 'test/x', name))
    expect(at('a.process.test.ts')).toEqual(['process'])
    expect(at('a.test.ts')).toEqual(['fast'])
    expect(at('a.spec.ts')).toEqual([])
  })

  it('keep tests that need a system tool or child_process out of the fast project', () => {
    const startsProcesses = /\b(describeWithTool|chromiumMissing)\(|from 'node:child_process'/
    const self = fileURLToPath(import.meta.url) // names the patterns, so it matches them
    const fast = files.filter((file) => file !== self && projectsOf(file).includes('fast'))
    expect(fast.filter((file) => startsProcesses.test(readFileSync(file, 'utf8'))).map(relative)).toEqual([])
  })
})
