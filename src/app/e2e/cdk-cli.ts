/**
 * How the e2e tier starts the CDK CLI. `npx cdk` spends most of a second resolving before the CLI even
 * starts; when the project has the CLI installed, npx would run the first `node_modules/.bin/cdk` found
 * from the app's folder up (libnpmexec walks up from the local project's bin folder), with every
 * `node_modules/.bin` from there up in front of PATH (so a cdk.json `app` such as `ts-node bin/app.ts`
 * still finds its tools). That is what is started directly here. Without such a binary it stays `npx cdk`
 * (npx's own resolution: a global CLI, or its prompt/installation), and so it stays on Windows, where
 * commands run through cmd.exe, which has no `PATH=… command` form.
 */
import path from 'node:path'
import { shellQuote } from '../../core/shell-quote.js'
import type { Workspace } from '../ports.js'

export const NPX_CDK = 'npx cdk'

/** Every `node_modules/.bin` from `dir` up to the root, nearest first. */
export function binFoldersUp(dir: string): string[] {
  const out: string[] = []
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    out.push(path.join(d, 'node_modules', '.bin'))
    if (path.dirname(d) === d) return out
  }
}

/** The command that runs the project's CDK CLI as npx would, or `npx cdk` when it has none. */
export async function cdkCli(files: Pick<Workspace, 'fileSize'>, appDir: string): Promise<string> {
  if (path.sep !== '/') return NPX_CDK
  const bins = binFoldersUp(appDir)
  for (const bin of bins) {
    const cli = path.join(bin, 'cdk')
    const found = await files.fileSize(cli).then(
      () => true,
      () => false
    )
    if (found) return `PATH=${shellQuote(bins.join(path.delimiter))}:"$PATH" ${shellQuote(cli)}`
  }
  return NPX_CDK
}
