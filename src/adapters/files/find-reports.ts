/**
 * Candidate report files: every .xml/.json file under the given folders (recursively), plus the globs
 * resolved against cwd. Absolute paths, de-duplicated and sorted. Whether a file really is a report is
 * for readReport to say; a folder that does not exist holds no reports.
 */
import path from 'node:path'
import { glob } from 'tinyglobby'

export async function findReportFiles(opts: {
  dirs: string[]
  globs: string[]
  cwd: string
}): Promise<string[]> {
  const found = new Set<string>()
  for (const dir of opts.dirs) {
    const root = path.resolve(opts.cwd, dir)
    for (const f of await glob(['**/*.xml', '**/*.json'], {
      cwd: root,
      absolute: true,
      dot: true,
      onlyFiles: true,
      ignore: ['**/node_modules/**']
    })) {
      found.add(path.normalize(f))
    }
  }
  if (opts.globs.length > 0) {
    for (const f of await glob(opts.globs, { cwd: opts.cwd, absolute: true, dot: true, onlyFiles: true })) {
      found.add(path.normalize(f))
    }
  }
  return [...found].sort()
}
