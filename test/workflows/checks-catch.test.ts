/**
 * The validators can fail: each is run on a copy of a real workflow with one deliberate mistake and must
 * name it. (A validator that passes everything would make workflows.test.ts worthless.)
 */
import { describe, it, expect } from '@jest/globals'
import { githubParserErrors, repositoryFiles } from './github-parser.js'
import {
  checkActionInputs,
  checkCallOutputs,
  checkCommentArtifact,
  checkInputRefs,
  checkMirroredDefaults,
  checkNeeds,
  checkNoExpressionsInRun,
  checkPinnedActions,
  checkStarterCalls,
  checkStepRefs
} from './workflow-checks.js'
import { checkJobPermissions, checkPublishComment } from './security-checks.js'
import { type WorkflowFile, loadAction, loadWorkflows, parseWorkflowText } from './workflow-files.js'

const all = [...loadWorkflows('.github/workflows'), ...loadWorkflows('workflows')]
const byPath = new Map(all.map((f) => [f.path, f]))
const action = loadAction()
const provider = repositoryFiles(new Map(all.map((f) => [f.path, f.text])))

/** The real file with `from` replaced by `to`; `from` must be in it, so the mistake really is made. */
function broken(path: string, from: string, to: string): WorkflowFile {
  const f = byPath.get(path)
  if (f === undefined) throw new Error(`${path} is missing`)
  if (!f.text.includes(from))
    throw new Error(`${path} no longer contains ${JSON.stringify(from)}: update this test`)
  return parseWorkflowText(path, f.text.replace(from, to))
}

describe("GitHub's parser, as wired here", () => {
  it('reports a schema error', async () => {
    const f = broken('.github/workflows/ci.yml', '    steps:\n', '    step:\n')
    expect((await githubParserErrors(f.path, f.text, provider)).join('\n')).toMatch(/Unexpected value 'step'/)
  })

  it('reports a needs on an unknown job', async () => {
    const f = broken(
      '.github/workflows/pyramid.yml',
      'needs: [plan, unit, integration, e2e-deploy]',
      'needs: [plan, unit, integratoin, e2e-deploy]'
    )
    expect((await githubParserErrors(f.path, f.text, provider)).join('\n')).toMatch(
      /unknown job 'integratoin'/
    )
  })

  it('reports an unknown input passed to the reusable workflow', async () => {
    const f = broken('workflows/pyramid.yml', 'unit-shards: 2', 'unit-shardz: 2')
    expect((await githubParserErrors(f.path, f.text, provider)).join('\n')).toMatch(
      /unit-shardz is not defined/
    )
  })

  it('reports a missing required input and a reusable workflow that does not exist', async () => {
    const missing = broken('workflows/janitor.yml', '      aws-region: us-east-1\n', '')
    expect((await githubParserErrors(missing.path, missing.text, provider)).join('\n')).toMatch(
      /Input aws-region is required/
    )
    const nowhere = broken('workflows/pyramid.yml', 'workflows/pyramid.yml@v1', 'workflows/pyramids.yml@v1')
    expect((await githubParserErrors(nowhere.path, nowhere.text, provider)).join('\n')).toMatch(
      /Unable to find reusable workflow/
    )
  })
})

describe('the checks', () => {
  const pyramid = '.github/workflows/pyramid.yml'

  it('catch an input or output that action.yml does not have', () => {
    expect(checkActionInputs(broken(pyramid, 'unit-results: ${{', 'unit-result: ${{'), action)).toEqual([
      expect.stringMatching(/input 'unit-result' is not in action\.yml/)
    ])
    const output = broken(pyramid, 'steps.report.outputs.cost-usd', 'steps.report.outputs.costs')
    expect(checkActionInputs(output, action)).toEqual([
      expect.stringMatching(/outputs\.costs is not an output/)
    ])
  })

  it('catch a reusable workflow default that drifted from action.yml', () => {
    const drifted = broken(
      pyramid,
      'default: localstack/localstack:4.14.0',
      'default: localstack/localstack:latest'
    )
    expect(checkMirroredDefaults(drifted, action)).toEqual([
      expect.stringMatching(/inputs\.localstack-image: default 'localstack\/localstack:latest' differs/)
    ])
  })

  it('catch a value outside the choices action.yml lists', () => {
    expect(checkActionInputs(broken(pyramid, 'mode: cleanup', 'mode: clean'), action)).toEqual([
      expect.stringMatching(/mode 'clean' is not one of run, plan, deploy, report, cleanup, janitor, publish/)
    ])
    expect(
      checkActionInputs(broken('.github/workflows/ci.yml', "history: 'off'", 'history: never'), action)
    ).toEqual([expect.stringMatching(/history 'never' is not one of auto, off/)])
  })

  it('catch an undeclared input, a needs.X outside needs, and a step id that does not exist', () => {
    expect(
      checkInputRefs(broken(pyramid, 'SHARDS: ${{ inputs.unit-shards }}', 'SHARDS: ${{ inputs.shards }}'))
    ).toEqual([expect.stringMatching(/inputs\.shards is not a declared input/)])
    expect(
      checkNeeds(
        broken(pyramid, 'needs: [plan, unit, integration, e2e-deploy]', 'needs: [plan, unit, e2e-deploy]')
      )
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/jobs\.e2e\.if: needs\.integration is not in the job's needs/)
      ])
    )
    expect(
      checkStepRefs(
        broken(pyramid, 'TIERS: ${{ steps.plan.outputs.tiers }}', 'TIERS: ${{ steps.planned.outputs.tiers }}')
      )
    ).toEqual([expect.stringMatching(/steps\.planned is not an earlier step/)])
    expect(
      checkCallOutputs(
        broken(pyramid, '${{ jobs.report.outputs.cost-usd }}', '${{ jobs.report.outputs.cost }}')
      )
    ).toEqual([expect.stringMatching(/jobs\.report\.outputs\.cost is not an output of job report/)])
  })

  it('catch an expression inside a script and an unpinned action', () => {
    const script = broken(
      pyramid,
      'run: bash -c "$INSTALL_COMMAND"',
      'run: bash -c "${{ inputs.install-command }}"'
    )
    expect(checkNoExpressionsInRun(script).length).toBeGreaterThan(0)
    const sha = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1'
    const tagged = broken(pyramid, `${sha} # v7.0.1`, 'actions/checkout@v7 # v7.0.1')
    expect(checkPinnedActions(tagged)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/'actions\/checkout@v7' is not pinned to a full-length commit SHA/)
      ])
    )
    const unnamed = broken('.github/workflows/janitor.yml', ' # v6.2.3', '')
    expect(checkPinnedActions(unnamed)).toEqual([expect.stringMatching(/has no '# vX\.Y\.Z' comment/)])
  })

  it('catch a starter that calls a reusable workflow by a wrong path or with an unknown input', () => {
    expect(
      checkStarterCalls(broken('workflows/janitor.yml', 'workflows/janitor.yml@v1', 'janitor.yml@v1'), byPath)
    ).toEqual([expect.stringMatching(/names no reusable workflow of this repository/)])
    expect(checkStarterCalls(broken('workflows/janitor.yml', 'dry-run: ${{', 'dryrun: ${{'), byPath)).toEqual(
      [expect.stringMatching(/'dryrun' is not an input of \.github\/workflows\/janitor\.yml/)]
    )
  })

  it('catch a comment artifact that is missing or could fail the job', () => {
    const missing = broken('workflows/pyramid-step.yml', 'name: pyramid-comment', 'name: comment')
    expect(checkCommentArtifact(missing)).toEqual([
      expect.stringMatching(/uploads no 'pyramid-comment' artifact/)
    ])
    const strict = broken(
      pyramid,
      'path: ${{ runner.temp }}/pyramid-summary/pyramid-comment.json\n          if-no-files-found: ignore',
      'path: ${{ runner.temp }}/pyramid-summary/pyramid-comment.json\n          if-no-files-found: error'
    )
    expect(checkCommentArtifact(strict)).toEqual([expect.stringMatching(/if-no-files-found: ignore/)])
  })

  it('catch a write scope a job does not use, and one it lacks', () => {
    const unit = broken(
      pyramid,
      '    permissions:\n      contents: read\n    strategy:',
      '    permissions:\n      contents: read\n      pull-requests: write\n    strategy:'
    )
    expect(checkJobPermissions(unit)).toEqual([
      expect.stringMatching(/jobs\.unit: pull-requests: write is granted but not used/)
    ])
    const noOidc = broken('.github/workflows/janitor.yml', '      id-token: write\n', '')
    expect(checkJobPermissions(noOidc)).toEqual([
      expect.stringMatching(/jobs\.janitor: needs id-token: write/)
    ])
  })

  it('catch a publisher that checks out code or listens to pull_request_target', () => {
    const publisher = 'workflows/publish-comment.yml'
    const checkout = broken(publisher, '    steps:\n', '    steps:\n      - uses: actions/checkout@v7\n')
    expect(checkPublishComment(checkout, 'pyramid')).toEqual([expect.stringMatching(/checks out code/)])
    const target = broken(publisher, 'on:\n', 'on:\n  pull_request_target:\n')
    expect(checkPublishComment(target, 'pyramid')).toEqual([expect.stringMatching(/workflow_run alone/)])
    const elsewhere = broken(
      publisher,
      'working-directory: ${{ runner.temp }}/pyramid-comment',
      'working-directory: .'
    )
    expect(checkPublishComment(elsewhere, 'pyramid')).toEqual([
      expect.stringMatching(/reads its working-directory/)
    ])
    expect(checkPublishComment(byPath.get(publisher) as WorkflowFile, 'pyramid-ci')).toEqual([
      expect.stringMatching(/does not list 'pyramid-ci'/)
    ])
  })
})
