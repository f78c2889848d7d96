// Builds dist/ with @vercel/ncc: one minified ESM bundle per entry (main, post, cli).
// Each bundle folder gets a package.json with {"type":"module"} so Node loads it as ESM wherever it lands.
import { execFileSync } from 'node:child_process'
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'

// `node scripts/package.mjs [outDir]`: the freshness test builds into a temporary folder and compares.
const out = process.argv[2] ?? 'dist'
const entries = { main: 'src/main.ts', post: 'src/post.ts', cli: 'src/cli.ts' }
rmSync(out, { recursive: true, force: true })
for (const [name, entry] of Object.entries(entries)) {
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry,
      '-o',
      `${out}/${name}`,
      '-m',
      '-t',
      '--license',
      'licenses.txt',
      '-q'
    ],
    { stdio: 'inherit' }
  )
  writeFileSync(`${out}/${name}/package.json`, JSON.stringify({ type: 'module' }) + '\n')
}
const cli = `${out}/cli/index.js`
const text = readFileSync(cli, 'utf8')
if (!text.startsWith('#!')) writeFileSync(cli, '#!/usr/bin/env node\n' + text)
chmodSync(cli, 0o755)
