/**
 * Compiles the parsers (and parse-child.ts) to plain JavaScript in a temp dir, so memory is measured in a
 * plain `node` process as the action runs its bundle; under a TypeScript loader the child would carry the
 * loader's own memory (tens of MB in Node 20, whose loader hooks run in a second thread).
 */
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'

const ROOT = process.cwd()

export interface CompiledChild {
  dir: string
  /** node <script> <report file> prints {ok, tests, attempts, ms, maxRssKb} (see parse-child.ts). */
  script: string
}

/**
 * `patch` may rewrite a source before it is compiled (by its path relative to the repository), e.g. to
 * lift a limit and show that a check catches the parser without it.
 */
export async function compileParseChild(
  patch: (rel: string, text: string) => string = (_rel, text) => text
): Promise<CompiledChild> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pyramid-parse-child-'))
  const sources = await importClosure('test/parsers/parse-child.ts')
  for (const [rel, text] of sources) {
    const out = ts.transpileModule(patch(rel, text), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: rel
    })
    const target = path.join(dir, rel.replace(/\.ts$/, '.js'))
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, out.outputText)
  }
  await writeFile(path.join(dir, 'package.json'), '{"type":"module"}\n')
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  return { dir, script: path.join(dir, 'test/parsers/parse-child.js') }
}

/** The entry and every file it reaches through relative imports: what the child needs, nothing listed by hand. */
async function importClosure(entry: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  const pending = [entry]
  while (pending.length > 0) {
    const rel = pending.pop()!
    if (files.has(rel)) continue
    const text = await readFile(path.join(ROOT, rel), 'utf8')
    files.set(rel, text)
    for (const m of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)\.js'/g)) {
      pending.push(path.normalize(path.join(path.dirname(rel), `${m[1]}.ts`)))
    }
  }
  return files
}
