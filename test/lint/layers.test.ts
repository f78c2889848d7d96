/**
 * The layers are enforced by ESLint (eslint.config.js): each rule is shown catching a deliberate
 * violation, and letting the allowed import through, by linting code under a path of that layer.
 */
import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const LAYER_RULES = ['no-restricted-imports', 'no-restricted-syntax']
// The code is linted at paths that do not exist, which the type-aware parser (projectService) refuses:
// the layer rules need no types, so this parses without them and runs the layer rules only.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => LAYER_RULES.includes(ruleId)
})

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x]\n`, {
    filePath: path.join(ROOT, file)
  })
  const messages = result?.messages ?? []
  // A parse error would make "allowed" vacuous: there are none.
  expect(messages.filter((m) => m.fatal)).toEqual([])
  return messages.map((m) => m.message)
}

describe('layer rules', () => {
  it.each([
    ['core → app', 'src/core/report/x.ts', "import { x } from '../../app/runtime.js'", /core is pure/],
    [
      'core → inputs (a type)',
      'src/core/tiers/x.ts',
      "import type { x } from '../../inputs/types.js'",
      /core is pure/
    ],
    ['core → a library', 'src/core/x.ts', "import { x } from 'node:fs'", /core is pure/],
    [
      'core → a dynamic import',
      'src/core/x.ts',
      "const x = await import('@actions/core')",
      /core is pure.*dynamic/
    ],
    ['inputs → app', 'src/inputs/x.ts', "import { x } from '../app/ports.js'", /inputs import only core/],
    [
      'parsers → adapters',
      'src/parsers/x.ts',
      "import { x } from '../adapters/clock.js'",
      /parsers import only core/
    ],
    [
      'adapters → app beyond the ports',
      'src/adapters/aws/x.ts',
      "import { x } from '../../app/runtime.js'",
      /adapters implement the ports/
    ],
    [
      'app → an adapter',
      'src/app/emit/x.ts',
      "import { x } from '../../adapters/github/github.js'",
      /app reaches the outside world/
    ],
    [
      'app → @actions/*',
      'src/app/x.ts',
      "import * as x from '@actions/core'",
      /app reaches the outside world/
    ],
    [
      'app → node:fs',
      'src/app/modes/x.ts',
      "import { readFile as x } from 'node:fs/promises'",
      /app reaches the outside world/
    ],
    [
      'app → tinyglobby',
      'src/app/modes/x.ts',
      "import { glob as x } from 'tinyglobby'",
      /app reaches the outside world/
    ],
    [
      'app → a dynamic @actions import',
      'src/app/emit/x.ts',
      "const x = await import('@actions/github')",
      /dynamic/
    ],
    [
      'cli → an adapter',
      'src/cli/x.ts',
      "import { x } from '../adapters/clock.js'",
      /the CLI gets its adapters/
    ]
  ])('%s is an error', async (_what, file, code, message) => {
    const errors = await layerErrors(file, code)
    expect(errors).toEqual([expect.stringMatching(message)])
  })

  it.each([
    ['core → core', 'src/core/report/x.ts', "import { x } from '../results/model.js'"],
    ['inputs → core', 'src/inputs/x.ts', "import { x } from '../core/results/model.js'"],
    ['adapters → the ports and core', 'src/adapters/aws/x.ts', "import { x } from '../../app/ports.js'"],
    ['wiring → an adapter', 'src/app/wiring/x.ts', "import { x } from '../../adapters/clock.js'"],
    [
      'app → the ports and node:path',
      'src/app/x.ts',
      "import { x } from './ports.js'\nimport path from 'node:path'\nvoid path"
    ]
  ])('%s is allowed', async (_what, file, code) => {
    expect(await layerErrors(file, code)).toEqual([])
  })
})
