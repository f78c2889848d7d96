/**
 * The e2e tier starts the project's own CDK CLI directly, the one npx would pick, with the same bin
 * folders in front of PATH; `npx cdk` only when there is none. Checked against npx itself (npm's
 * resolution, not ours): in each project layout both start the same binary.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { binFoldersUp, cdkCli, NPX_CDK } from '../../src/app/e2e/cdk-cli.js'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'

let root: string
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pyramid-cdk-cli-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A `cdk` that says which one it is, its arguments, and whether a sibling tool is on PATH. */
function fakeCli(dir: string, name: string): void {
  const bin = path.join(dir, 'node_modules', '.bin')
  mkdirSync(bin, { recursive: true })
  const cli = path.join(bin, 'cdk')
  writeFileSync(cli, `#!/bin/sh\necho "${name} $*"; command -v app-tool >/dev/null && echo tool-found\n`)
  chmodSync(cli, 0o755)
}

function project(layout: string, files: Record<string, 'package' | 'cli' | 'tool'>): string {
  const base = path.join(root, layout)
  for (const [rel, what] of Object.entries(files)) {
    const dir = path.join(base, rel)
    mkdirSync(dir, { recursive: true })
    if (what === 'package') writeFileSync(path.join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}')
    if (what === 'cli') fakeCli(dir, `cdk-of-${rel}`)
    if (what === 'tool') {
      const bin = path.join(dir, 'node_modules', '.bin')
      mkdirSync(bin, { recursive: true })
      writeFileSync(path.join(bin, 'app-tool'), '#!/bin/sh\n')
      chmodSync(path.join(bin, 'app-tool'), 0o755)
    }
  }
  return base
}

const bash = (command: string, cwd: string) =>
  execFileSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_yes: 'false' }
  })

describe('cdkCli', () => {
  it('lists every node_modules/.bin from the folder up, nearest first', () => {
    expect(binFoldersUp('/a/b')).toEqual([
      '/a/b/node_modules/.bin',
      '/a/node_modules/.bin',
      '/node_modules/.bin'
    ])
  })

  it('is npx cdk when no folder up from the app has a cdk binary', async () => {
    const none = { fileSize: async () => Promise.reject(new Error('ENOENT')) }
    expect(await cdkCli(none, '/srv/app')).toBe(NPX_CDK)
  })

  it.each([
    ['the app’s own', 'own', { app: 'cli' as const }, 'cdk-of-app'],
    [
      'the repository root’s, for an app folder without one',
      'hoisted',
      { '.': 'cli' as const, app: 'package' as const },
      'cdk-of-.'
    ],
    ['the nearest, when both have one', 'both', { '.': 'cli' as const, app: 'cli' as const }, 'cdk-of-app']
  ])(
    'starts %s, the binary npx starts, with the bin folders on PATH',
    async (_what, layout, files, expected) => {
      const base = project(layout, { ...files, '..': 'tool' } as Record<string, 'package' | 'cli' | 'tool'>)
      const app = path.join(base, 'app')
      mkdirSync(app, { recursive: true })
      const command = await cdkCli(fileWorkspace, app)
      expect(command).not.toBe(NPX_CDK)
      const direct = bash(`${command} synth --quiet`, app)
      expect(direct).toBe(`${expected} synth --quiet\ntool-found\n`)
      // npm's own resolution from the same folder.
      expect(bash('npx --no-install cdk synth --quiet', app)).toBe(direct)
    }
  )
})
