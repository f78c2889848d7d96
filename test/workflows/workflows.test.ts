/**
 * Every workflow in .github/workflows (reusable ones and this repository's CI) and every starter in
 * workflows/ is valid: GitHub's own parser accepts it, and the checks it does not make hold (inputs and
 * outputs of action.yml, declared workflow inputs, needs, step ids, permissions, fork safety).
 */
import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
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
  pins,
  checkStepRefs
} from './workflow-checks.js'
import { checkJobPermissions, checkPublishComment } from './security-checks.js'
import { type WorkflowFile, events, loadAction, loadWorkflows, repoRoot } from './workflow-files.js'

const internal = loadWorkflows('.github/workflows')
const starters = loadWorkflows('workflows')
const all = [...internal, ...starters]
const action = loadAction()
const byPath = new Map(internal.map((f) => [f.path, f]))
const reusable = internal.filter((f) => 'workflow_call' in events(f.doc))
const provider = repositoryFiles(new Map(all.map((f) => [f.path, f.text])))
const file = (path: string): WorkflowFile => {
  const f = all.find((w) => w.path === path)
  if (f === undefined) throw new Error(`${path} is missing: the workflows test expects it`)
  return f
}

describe('the workflow files', () => {
  it('are all there', () => {
    expect(internal.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/janitor.yml',
        '.github/workflows/pyramid.yml'
      ])
    )
    expect(starters.map((f) => f.path)).toEqual([
      'workflows/janitor.yml',
      'workflows/publish-comment.yml',
      'workflows/pyramid-step.yml',
      'workflows/pyramid.yml'
    ])
  })

  it('reads the contract from action.yml', () => {
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['mode', 'tiers', 'reports', 'dry-run'])
    )
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['result', 'flaky-rate', 'cost-usd']))
  })
})

describe.each(all.map((f) => [f.path, f] as const))('%s', (_path, f) => {
  it("passes GitHub's workflow parser", async () => {
    expect(await githubParserErrors(f.path, f.text, provider)).toEqual([])
  })

  it('gives our action only inputs of action.yml and reads only its outputs', () => {
    expect(checkActionInputs(f, action)).toEqual([])
  })

  it('references only declared inputs, existing needs and earlier steps', () => {
    expect([...checkInputRefs(f), ...checkNeeds(f), ...checkStepRefs(f), ...checkCallOutputs(f)]).toEqual([])
  })

  it('pins third-party actions to a commit SHA with its release in a comment, and keeps ${{ }} out of scripts', () => {
    expect([...checkPinnedActions(f), ...checkNoExpressionsInRun(f)]).toEqual([])
  })

  it('uploads the fork comment file wherever the action may comment', () => {
    expect(checkCommentArtifact(f)).toEqual([])
  })
})

describe('the reusable workflows', () => {
  it('are pyramid.yml and janitor.yml, directly in .github/workflows, with on: workflow_call', () => {
    expect(reusable.map((f) => f.path).sort()).toEqual([
      '.github/workflows/janitor.yml',
      '.github/workflows/pyramid.yml'
    ])
  })

  it.each(reusable.map((f) => [f.path, f] as const))('%s keeps the defaults of action.yml', (_p, f) => {
    expect(checkMirroredDefaults(f, action)).toEqual([])
  })

  it.each(reusable.map((f) => [f.path, f] as const))('%s grants each job only what it uses', (_p, f) => {
    expect(checkJobPermissions(f)).toEqual([])
  })

  it('run the action of their own repository with `uses: $/`', () => {
    for (const f of reusable) {
      const uses = Object.values(f.doc.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.uses))
      expect(uses).toContain('$/')
      expect(uses).not.toContain('./')
    }
  })
})

describe('the starters', () => {
  it.each(starters.map((f) => [f.path, f] as const))(
    '%s calls the reusable workflows by their real paths',
    (_p, f) => {
      expect(checkStarterCalls(f, byPath)).toEqual([])
    }
  )

  it('call each reusable workflow with named secrets, never secrets: inherit', () => {
    const calls = starters.flatMap((f) => Object.values(f.doc.jobs)).filter((j) => j.uses !== undefined)
    expect(calls.map((j) => j.uses)).toEqual([
      'OWNER/serverless-test-pyramid/.github/workflows/janitor.yml@v1',
      'OWNER/serverless-test-pyramid/.github/workflows/pyramid.yml@v1'
    ])
    expect(calls.map((j) => j.secrets)).not.toContain('inherit')
  })

  it('pyramid.yml runs on push, pull_request, merge_group, workflow_dispatch and schedule', () => {
    expect(Object.keys(events(file('workflows/pyramid.yml').doc)).sort()).toEqual(
      ['merge_group', 'pull_request', 'push', 'schedule', 'workflow_dispatch'].sort()
    )
  })

  it('publish-comment.yml is fork-safe: workflow_run, no checkout, downloads and publishes the comment', () => {
    const name = file('workflows/pyramid.yml').doc.name ?? ''
    expect(file('workflows/pyramid-step.yml').doc.name).toBe(name)
    expect(checkPublishComment(file('workflows/publish-comment.yml'), name)).toEqual([])
  })
})

describe('the pins', () => {
  it('name one SHA and one release per action everywhere: workflows, starters and both READMEs', () => {
    const texts = [
      ...all.map((f) => f.text),
      readFileSync(join(repoRoot, 'README.md'), 'utf8'),
      readFileSync(join(repoRoot, 'workflows/README.md'), 'utf8')
    ]
    const found = texts.flatMap(pins)
    expect(found.length).toBeGreaterThan(10)
    const byAction = new Map<string, Set<string>>()
    for (const p of found)
      byAction.set(p.action, (byAction.get(p.action) ?? new Set()).add(`${p.sha} ${p.version}`))
    for (const [action, seen] of byAction) expect([action, [...seen]]).toEqual([action, [expect.any(String)]])
  })

  it('leave no tag-pinned third-party action in the READMEs', () => {
    for (const source of ['README.md', 'workflows/README.md']) {
      const text = readFileSync(join(repoRoot, source), 'utf8')
      expect([source, text.match(/(?:actions|aws-actions)\/[\w-]+@v\d[\w.]*/g)]).toEqual([source, null])
    }
  })

  it('are kept current by Dependabot for github-actions, in .github/workflows and workflows/', () => {
    const config = parse(readFileSync(join(repoRoot, '.github/dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; directories?: string[] }[]
    }
    const actions = config.updates.find((u) => u['package-ecosystem'] === 'github-actions')
    expect(actions?.directories).toEqual(expect.arrayContaining(['/', '/workflows']))
  })
})

describe('this repository', () => {
  it('dogfoods the reusable workflow on examples/orders-service with the unit tier sharded in two', () => {
    const call = Object.values(file('.github/workflows/ci.yml').doc.jobs).find(
      (j) => j.uses === './.github/workflows/pyramid.yml'
    )
    expect(call?.with).toMatchObject({ 'working-directory': 'examples/orders-service', 'unit-shards': 2 })
  })

  it('dogfoods the action with `uses: ./` in mode plan', () => {
    const steps = Object.values(file('.github/workflows/ci.yml').doc.jobs).flatMap((j) => j.steps ?? [])
    expect(steps.find((s) => s.uses === './')?.with?.mode).toBe('plan')
  })

  it('checks in CI that dist/ is rebuilt from source', () => {
    const runs = Object.values(file('.github/workflows/ci.yml').doc.jobs).flatMap((j) => j.steps ?? [])
    expect(runs.map((s) => s.run ?? '')).toEqual(
      expect.arrayContaining(['npm ci', 'npm run lint', 'npm run package'])
    )
    expect(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.package).toBeDefined()
  })
})
