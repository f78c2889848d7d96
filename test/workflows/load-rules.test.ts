/**
 * GitHub's load-time rules (load-rules.ts) over every workflow file and every snippet a user copies, under
 * the restricted and the permissive token default; and proof that the checker fails what GitHub fails —
 * the README snippet of before this change among it. GitHub's JavaScript parser alone accepted that
 * snippet, so the parser is run alongside, not instead.
 */
import { describe, expect, it } from '@jest/globals'
import { githubParserErrors, repositoryFiles } from './github-parser.js'
import { loadProblems, type TokenDefault } from './load-rules.js'
import { checkStatesItsNeeds } from './security-checks.js'
import { headerSnippets, readmeSnippets } from './snippets.js'
import { checkActionInputs, checkPinnedActions, checkStarterCalls, reusablePath } from './workflow-checks.js'
import { loadAction, loadWorkflows, parseWorkflowText, type WorkflowFile } from './workflow-files.js'

const internal = loadWorkflows('.github/workflows')
const starters = loadWorkflows('workflows')
const byPath = new Map(internal.map((f) => [f.path, f]))
const resolve = (uses: string): WorkflowFile | undefined => {
  const path = reusablePath(uses)
  return path === undefined ? undefined : byPath.get(path)
}
const snippets = [...readmeSnippets(), ...headerSnippets(internal)]
const everything = [...internal, ...starters, ...snippets]
const provider = repositoryFiles(new Map([...internal, ...starters].map((f) => [f.path, f.text])))
const DEFAULTS: TokenDefault[] = ['restricted', 'permissive']

/** The one-line adoption the README showed before this change (a caller without permissions or inputs). */
const README_BEFORE = `
on: push
jobs:
  pyramid:
    uses: OWNER/serverless-test-pyramid/.github/workflows/pyramid.yml@v1
    secrets: inherit
`

describe('the snippets', () => {
  it('are found: both READMEs and the header of each reusable workflow', () => {
    const sources = snippets.map((s) => s.path.replace(/:\d+$/, ''))
    expect(new Set(sources)).toEqual(
      new Set([
        'README.md',
        'workflows/README.md',
        '.github/workflows/janitor.yml (header)',
        '.github/workflows/pyramid.yml (header)'
      ])
    )
  })

  it.each(snippets.map((s) => [s.path, s] as const))(
    '%s is a whole workflow GitHub parses',
    async (_p, s) => {
      expect(Object.keys(s.doc ?? {})).toEqual(expect.arrayContaining(['on', 'jobs']))
      expect(await githubParserErrors(s.path, s.text, provider)).toEqual([])
      expect([
        ...checkActionInputs(s, loadAction()),
        ...checkStarterCalls(s, byPath),
        ...checkPinnedActions(s)
      ]).toEqual([])
    }
  )
})

describe.each(DEFAULTS)('under the %s token default', (tokenDefault) => {
  it.each(everything.map((f) => [f.path, f] as const))('%s loads', (_p, f) => {
    expect(loadProblems(f, { tokenDefault, resolve })).toEqual([])
  })

  it("fails the README's one-liner of before: the e2e and cleanup jobs ask for id-token: write", () => {
    const problems = loadProblems(parseWorkflowText('README before', README_BEFORE), {
      tokenDefault,
      resolve
    })
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "The nested job 'e2e' is requesting 'id-token: write', but is only allowed 'id-token: none'."
        ),
        expect.stringContaining("The nested job 'cleanup' is requesting 'id-token: write'")
      ])
    )
  })
})

describe('the load checker catches', () => {
  const call = (permissions: string, secrets = '') =>
    parseWorkflowText(
      'caller',
      `on: push\njobs:\n  p:\n    uses: ./.github/workflows/pyramid.yml\n${permissions}\n    with:\n      aws-region: us-east-1\n${secrets}`
    )

  it('the report job asking for writes the restricted default does not give', () => {
    const problems = loadProblems(call(''), { tokenDefault: 'restricted', resolve })
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "'report' is requesting 'contents: write', but is only allowed 'contents: read'"
        ),
        expect.stringContaining(
          "'report' is requesting 'pull-requests: write', but is only allowed 'pull-requests: none'"
        )
      ])
    )
  })

  it('a caller whose permissions leave one scope out (every unnamed scope becomes none)', () => {
    const perms = '    permissions:\n      contents: write\n      pull-requests: write'
    expect(loadProblems(call(perms), { tokenDefault: 'permissive', resolve })).toEqual([
      expect.stringContaining(
        "'e2e-deploy' is requesting 'id-token: write', but is only allowed 'id-token: none'"
      ),
      expect.stringContaining("'e2e' is requesting 'id-token: write', but is only allowed 'id-token: none'"),
      expect.stringContaining(
        "'cleanup' is requesting 'id-token: write', but is only allowed 'id-token: none'"
      )
    ])
    const all = '    permissions:\n      contents: write\n      pull-requests: write\n      id-token: write'
    expect(loadProblems(call(all), { tokenDefault: 'restricted', resolve })).toEqual([])
    expect(
      loadProblems(call('    permissions: read-all'), { tokenDefault: 'permissive', resolve })
    ).toContainEqual(
      expect.stringContaining(
        "'report' is requesting 'contents: write', but is only allowed 'contents: read'"
      )
    )
  })

  it('a named secret the called workflow does not declare', () => {
    const perms = '    permissions: write-all'
    const secrets = '    secrets:\n      AWS_KEY: ${{ secrets.AWS_KEY }}'
    expect(loadProblems(call(perms, secrets), { tokenDefault: 'restricted', resolve })).toEqual([
      expect.stringContaining('Invalid secret, AWS_KEY is not defined in the referenced workflow.')
    ])
  })

  it('a required secret left out, and a secret used but never declared', () => {
    const called = parseWorkflowText(
      'called.yml',
      [
        'on:',
        '  workflow_call:',
        '    secrets:',
        '      TOKEN: { required: true }',
        'jobs:',
        '  j:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "$X"',
        '        env: { X: "${{ secrets.OTHER }}", T: "${{ secrets.TOKEN }}" }'
      ].join('\n')
    )
    const caller = parseWorkflowText('caller', 'on: push\njobs:\n  c:\n    uses: ./called.yml\n')
    expect(loadProblems(caller, { tokenDefault: 'permissive', resolve: () => called })).toEqual([
      expect.stringContaining('Secret TOKEN is required, but not provided while calling.'),
      expect.stringContaining('uses secrets.OTHER, which its on.workflow_call.secrets does not declare')
    ])
  })

  it('a nested job asking for more than the job that calls it was allowed', () => {
    const inner = parseWorkflowText(
      'inner.yml',
      'on: workflow_call\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: "true"\n'
    )
    const middle = parseWorkflowText(
      'middle.yml',
      'on: workflow_call\njobs:\n  call:\n    permissions:\n      contents: read\n    uses: ./inner.yml\n'
    )
    const caller = parseWorkflowText(
      'caller',
      'on: push\npermissions: write-all\njobs:\n  c:\n    uses: ./middle.yml\n'
    )
    const files: Record<string, WorkflowFile> = { './inner.yml': inner, './middle.yml': middle }
    expect(loadProblems(caller, { tokenDefault: 'restricted', resolve: (u) => files[u] })).toEqual([
      expect.stringContaining(
        "'deploy' is requesting 'id-token: write', but is only allowed 'id-token: none'"
      )
    ])
  })
})

describe('every snippet and starter states what it needs', () => {
  it.each([...starters, ...snippets].map((f) => [f.path, f] as const))('%s', (_p, f) => {
    expect(checkStatesItsNeeds(f)).toEqual([])
  })

  it("and the README's one-liner of before did not: no permissions, no aws-region", () => {
    expect(checkStatesItsNeeds(parseWorkflowText('README before', README_BEFORE))).toEqual([
      expect.stringMatching(/states no permissions/),
      expect.stringMatching(/may run e2e \(on push\) but names no aws-region/)
    ])
  })
})
