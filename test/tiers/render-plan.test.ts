import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderPlanMarkdown, planToJson } from '../../src/core/tiers/render-plan.js'
import { planTiers } from '../../src/core/tiers/select-tiers.js'
import type { Plan } from '../../src/core/tiers/plan.js'
import { readInputs } from '../../src/inputs/read-inputs.js'
import { contextFor, example } from './webhook-examples.js'

const golden = (name: string) => readFileSync(join(process.cwd(), 'test/tiers/golden', name), 'utf8')
const inputsWith = (values: Record<string, string> = {}) => readInputs((n) => values[n] ?? '', {})

function defaultBranchPushPlan(): Plan {
  const p = example('push', (x) => x['ref'] === 'refs/heads/master')
  return planTiers(
    contextFor('push', p, 'refs/heads/master'),
    inputsWith({
      'integration-setup-command': 'npx cdklocal deploy --require-approval never',
      'unit-results': 'reports/unit/*.xml',
      'deploy-command': 'sam deploy',
      'stack-names': 'orders',
      'aws-region': 'us-east-1',
      'forbidden-account-ids': '111111111111'
    })
  )
}

function forkPrPlan(): Plan {
  const p = example('pull_request', (x) => x['action'] === 'opened')
  const head = (p['pull_request'] as { head: { repo: Record<string, unknown> } }).head
  head.repo = { ...head.repo, id: 42, full_name: 'someone-else/Hello-World' }
  return planTiers(contextFor('pull_request', p, 'refs/pull/2/merge'), inputsWith({ tiers: 'unit,e2e' }))
}

describe('renderPlanMarkdown', () => {
  it('renders a default-branch push with its stack plan (golden file)', () => {
    expect(renderPlanMarkdown(defaultBranchPushPlan())).toBe(golden('plan-push-default.md'))
  })

  it('renders a fork pull request with e2e refused (golden file)', () => {
    expect(renderPlanMarkdown(forkPrPlan())).toBe(golden('plan-fork-pr.md'))
  })

  it('names the expiry tag once: its value when the plan has the clock, else that deploy sets it', () => {
    const p = example('push', (x) => x['ref'] === 'refs/heads/master')
    const ctx = contextFor('push', p, 'refs/heads/master')
    const withClock = renderPlanMarkdown(planTiers(ctx, inputsWith(), Date.parse('2026-01-01T00:00:00Z')))
    expect(withClock).toContain('`pyramid:expires-at=2026-01-01T03:00:00.000Z`')
    expect(withClock).not.toContain('(set at deploy)')
    expect(renderPlanMarkdown(planTiers(ctx, inputsWith()))).toContain('`pyramid:expires-at` (set at deploy)')
  })

  it('keeps an untrusted branch name from breaking the table or mentioning anyone', () => {
    const p = example('push', (x) => x['ref'] === 'refs/heads/master')
    const ref = 'refs/heads/x|y`@team<img src=a>[link](http://e.example)'
    p['ref'] = ref
    const md = renderPlanMarkdown(planTiers(contextFor('push', p, ref), inputsWith()))
    const rows = md.split('\n').filter((l) => l.startsWith('| unit') || l.startsWith('| e2e'))
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(6)
    // Outside code spans (where markdown is live) nothing of the name is left to act on.
    // (A backslash-escaped backtick is a literal, not the start of a code span.)
    const live = md.replace(/(?<![\\`])(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '')
    expect(live).not.toContain('<img')
    expect(live).not.toContain('@team')
    expect(live).not.toMatch(/(?<!\\)\]\(/)
    expect(md).toContain('``refs/heads/x|y`@team<img src=a>[link](http://e.example)``')
  })
})

describe('planToJson', () => {
  it('writes a stable shape with fixed key order', () => {
    const json = JSON.parse(planToJson(defaultBranchPushPlan())) as Record<string, unknown>
    expect(Object.keys(json)).toEqual([
      'event',
      'ref',
      'defaultBranch',
      'isDefaultBranch',
      'isFork',
      'selection',
      'tiers',
      'stack'
    ])
    const tiers = json['tiers'] as Record<string, unknown>[]
    expect(tiers.map((t) => Object.keys(t))).toEqual(
      Array(3).fill(['tier', 'run', 'reason', 'command', 'setupCommand', 'resultsGlob'])
    )
    expect(tiers[0]).toEqual({
      tier: 'unit',
      run: true,
      reason: 'push to the default branch (master): unit runs on pushes to the default branch',
      command: 'npm run test:unit',
      setupCommand: null,
      resultsGlob: 'reports/unit/*.xml'
    })
    const stack = json['stack'] as Record<string, unknown>
    expect(Object.keys(stack)).toEqual([
      'prefix',
      'names',
      'region',
      'allowedAccountIds',
      'forbiddenAccountIds',
      'tags'
    ])
    expect(Object.keys(stack['tags'] as object)).toEqual([...Object.keys(stack['tags'] as object)].sort())
    expect(stack).toMatchObject({
      names: ['pyr-17000000001-2-orders'],
      region: 'us-east-1',
      forbiddenAccountIds: ['111111111111']
    })
  })

  it('writes null for what the event does not have and omits the stack when e2e does not run', () => {
    const json = JSON.parse(planToJson(forkPrPlan())) as Record<string, unknown>
    expect(json).toMatchObject({
      event: 'pull_request',
      ref: 'refs/pull/2/merge',
      isFork: true,
      selection: 'explicit'
    })
    expect(json).not.toHaveProperty('stack')
    const schedule = planTiers(
      contextFor('schedule', { schedule: '0 3 * * *' }, ''),
      inputsWith({ tiers: 'unit' })
    )
    expect(JSON.parse(planToJson(schedule))).toMatchObject({
      ref: null,
      defaultBranch: null,
      isDefaultBranch: false
    })
  })

  it('is deterministic', () => {
    expect(planToJson(defaultBranchPushPlan())).toBe(planToJson(defaultBranchPushPlan()))
  })
})
