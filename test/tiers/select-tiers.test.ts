import { describe, expect, it } from '@jest/globals'
import { plannedTiers, type Plan } from '../../src/core/tiers/plan.js'
import { planTiers } from '../../src/core/tiers/select-tiers.js'
import { readInputs } from '../../src/inputs/read-inputs.js'
import type { Tier } from '../../src/core/results/model.js'
import { contextFor, example } from './webhook-examples.js'

type Payload = Record<string, unknown>
const inputsWith = (values: Record<string, string> = {}) => readInputs((n) => values[n] ?? '', {})
const repo = (p: Payload) => p['repository'] as Record<string, unknown>
const pr = (p: Payload) => p['pull_request'] as { head: { repo: Record<string, unknown> | null } }

/** The examples' repository has default_branch "master": a plan that assumed "main" would fail here. */
const pushToMaster = () => example('push', (p) => p['ref'] === 'refs/heads/master')
const prOpened = () => example('pull_request', (p) => p['action'] === 'opened')

interface Case {
  name: string
  event: string
  payload: () => Payload
  ref: (p: Payload) => string
  tiers: Tier[]
  reason: RegExp
}

const cases: Case[] = [
  {
    name: 'push to the default branch (master, from the payload)',
    event: 'push',
    payload: pushToMaster,
    ref: (p) => p['ref'] as string,
    tiers: ['unit', 'integration', 'e2e'],
    reason: /^push to the default branch \(master\): e2e runs on pushes to the default branch$/
  },
  {
    name: 'push to another branch (real push payload, default_branch changed to "main" by the test)',
    event: 'push',
    payload: () => {
      const p = pushToMaster()
      repo(p)['default_branch'] = 'main'
      return p
    },
    ref: (p) => p['ref'] as string,
    tiers: ['unit'],
    reason:
      /^push to master: e2e runs only on pushes to the default branch \(main\), manual dispatch and schedule$/
  },
  {
    name: 'push of a tag',
    event: 'push',
    payload: () => example('push', (p) => p['ref'] === 'refs/tags/simple-tag' && p['deleted'] === false),
    ref: (p) => p['ref'] as string,
    tiers: [],
    reason: /^push of tag simple-tag: no tier runs on a tag push$/
  },
  {
    name: 'deleted ref (real payload: a deleted tag)',
    event: 'push',
    payload: () => example('push', (p) => p['deleted'] === true),
    ref: (p) => p['ref'] as string,
    tiers: [],
    reason: /^push deleting refs\/tags\/simple-tag: a deleted branch or tag has nothing to test$/
  },
  {
    name: 'deleted branch (the deleted-tag payload with ref changed to a branch by the test)',
    event: 'push',
    payload: () => {
      const p = example('push', (x) => x['deleted'] === true)
      p['ref'] = 'refs/heads/feature/gone'
      return p
    },
    ref: (p) => p['ref'] as string,
    tiers: [],
    reason: /^push deleting refs\/heads\/feature\/gone: a deleted branch or tag has nothing to test$/
  },
  {
    name: 'pull_request opened',
    event: 'pull_request',
    payload: prOpened,
    ref: () => 'refs/pull/2/merge',
    tiers: ['unit', 'integration'],
    reason:
      /^pull request: e2e runs only on pushes to the default branch \(master\), manual dispatch and schedule$/
  },
  {
    name: 'pull_request synchronize',
    event: 'pull_request',
    payload: () => example('pull_request', (p) => p['action'] === 'synchronize'),
    ref: () => 'refs/pull/2/merge',
    tiers: ['unit', 'integration'],
    reason: /^pull request: e2e runs only on/
  },
  {
    name: 'pull_request_target (a pull_request opened payload under this event name)',
    event: 'pull_request_target',
    payload: prOpened,
    ref: () => 'refs/heads/master',
    tiers: ['unit', 'integration'],
    reason: /^pull request \(pull_request_target\): e2e runs only on/
  },
  {
    name: 'merge_group checks_requested',
    event: 'merge_group',
    payload: () => example('merge_group'),
    ref: (p) => (p['merge_group'] as { head_ref: string }).head_ref,
    tiers: ['unit', 'integration'],
    reason: /^merge queue: e2e runs only on pushes to the default branch \(main\)/
  },
  {
    name: 'workflow_dispatch (ref main)',
    event: 'workflow_dispatch',
    payload: () => example('workflow_dispatch', (p) => p['ref'] === 'refs/heads/main'),
    ref: (p) => p['ref'] as string,
    tiers: ['unit', 'integration', 'e2e'],
    reason: /^manual dispatch: every tier runs on manual dispatch and schedule$/
  },
  {
    name: 'workflow_dispatch (ref master)',
    event: 'workflow_dispatch',
    payload: () => example('workflow_dispatch', (p) => p['ref'] === 'refs/heads/master'),
    ref: (p) => p['ref'] as string,
    tiers: ['unit', 'integration', 'e2e'],
    reason: /^manual dispatch: every tier runs/
  },
  {
    name: 'release published (anything else)',
    event: 'release',
    payload: () => example('release', (p) => p['action'] === 'published'),
    ref: () => 'refs/tags/0.0.1',
    tiers: ['unit'],
    reason: /^release event: e2e runs only on pushes to the default branch \(master\)/
  },
  {
    // GitHub sends a minimal payload for schedule; there is no example of it in the package, so it is
    // written here by hand: the cron line plus the repository, organization, sender and workflow.
    name: 'schedule (hand-written payload)',
    event: 'schedule',
    payload: () => ({
      schedule: '17 3 * * 1',
      repository: repo(pushToMaster()),
      sender: { login: 'github-actions[bot]', type: 'Bot' },
      workflow: '.github/workflows/nightly.yml'
    }),
    ref: () => 'refs/heads/master',
    tiers: ['unit', 'integration', 'e2e'],
    reason: /^schedule: every tier runs on manual dispatch and schedule$/
  }
]

describe('planTiers with tiers: auto, on real webhook payloads', () => {
  it.each(cases)('$name → $tiers', ({ event, payload, ref, tiers, reason }) => {
    const p = payload()
    const plan = planTiers(contextFor(event, p, ref(p)), inputsWith())
    expect(plannedTiers(plan)).toEqual(tiers)
    expect(plan.selection).toBe('auto')
    expect(plan.tiers.map((t) => t.tier)).toEqual(['unit', 'integration', 'e2e'])
    expect(plan.tiers.find((t) => t.tier === 'e2e')!.reason).toMatch(reason)
    expect(plan.isFork).toBe(false)
  })

  it('takes the default branch from the payload and marks the default-branch ref', () => {
    const p = pushToMaster()
    const plan = planTiers(contextFor('push', p, 'refs/heads/master'), inputsWith())
    expect(plan).toMatchObject({
      event: 'push',
      ref: 'refs/heads/master',
      defaultBranch: 'master',
      isDefaultBranch: true
    })
    const pull = prOpened()
    expect(
      planTiers(contextFor('pull_request', pull, 'refs/pull/2/merge'), inputsWith()).isDefaultBranch
    ).toBe(false)
  })

  it('takes a schedule run as a default-branch run even when its payload has no repository', () => {
    // Scheduled workflows run on the default branch's latest commit; GITHUB_REF names it.
    const plan = planTiers(
      contextFor('schedule', { schedule: '17 3 * * 1' }, 'refs/heads/trunk'),
      inputsWith()
    )
    expect(plan).toMatchObject({ defaultBranch: 'trunk', isDefaultBranch: true })
    expect(plannedTiers(plan)).toEqual(['unit', 'integration', 'e2e'])
  })

  it('runs only unit on a push when the payload names no default branch, and says why', () => {
    const p = pushToMaster()
    delete repo(p)['default_branch']
    const plan = planTiers(contextFor('push', p, 'refs/heads/master'), inputsWith())
    expect(plannedTiers(plan)).toEqual(['unit'])
    expect(plan.defaultBranch).toBeUndefined()
    expect(plan.tiers[2]!.reason).toContain('(unknown: the payload has no repository.default_branch)')
  })

  it('explains each tier in words', () => {
    const plan = planTiers(contextFor('pull_request', prOpened(), 'refs/pull/2/merge'), inputsWith())
    expect(plan.tiers.map((t) => t.reason)).toEqual([
      'pull request: unit runs on pull requests',
      'pull request: integration runs on pull requests',
      'pull request: e2e runs only on pushes to the default branch (master), manual dispatch and schedule'
    ])
  })
})

describe('fork pull requests never run e2e', () => {
  // A real pull_request payload whose head repository the test replaces with a fork's.
  const forkPr = () => {
    const p = prOpened()
    pr(p).head.repo = { ...pr(p).head.repo, id: 999_999, full_name: 'someone-else/Hello-World' }
    return p
  }

  it('marks the plan as a fork and keeps unit and integration on auto', () => {
    const plan = planTiers(contextFor('pull_request', forkPr(), 'refs/pull/2/merge'), inputsWith())
    expect(plan.isFork).toBe(true)
    expect(plannedTiers(plan)).toEqual(['unit', 'integration'])
    expect(plan.tiers[2]!.reason).toBe(
      'fork pull request: e2e never runs for a pull request from a fork (head someone-else/Hello-World, base ' +
        'Codertocat/Hello-World): fork code gets no secrets and must not reach an AWS account'
    )
  })

  it('refuses e2e even when the tiers input asks for it, and says so', () => {
    const plan = planTiers(
      contextFor('pull_request', forkPr(), 'refs/pull/2/merge'),
      inputsWith({ tiers: 'unit,e2e' })
    )
    expect(plannedTiers(plan)).toEqual(['unit'])
    expect(plan.tiers[2]!.reason).toContain('even when asked in tiers')
    expect(plan.stack).toBeUndefined()
  })

  it.each(['pull_request', 'pull_request_target'])(
    'treats a deleted fork (head.repo null) as a fork on %s',
    (event) => {
      const p = prOpened()
      pr(p).head.repo = null
      const plan = planTiers(contextFor(event, p, 'refs/pull/2/merge'), inputsWith({ tiers: 'e2e' }))
      expect(plan.isFork).toBe(true)
      expect(plannedTiers(plan)).toEqual([])
      expect(plan.tiers[2]!.reason).toContain('head a deleted fork')
    }
  )

  it('treats a head repository with the same name but another id as a fork', () => {
    const p = prOpened()
    pr(p).head.repo = { ...pr(p).head.repo, id: 1 }
    expect(planTiers(contextFor('pull_request', p, 'refs/pull/2/merge'), inputsWith()).isFork).toBe(true)
  })
})

describe('explicit tiers', () => {
  it.each<[string, string, Tier[]]>([
    ['e2e', 'a tag push', ['e2e']],
    ['integration,unit', 'a tag push', ['unit', 'integration']]
  ])('tiers: %s overrides auto on %s', (tiers, _what, expected) => {
    const p = example('push', (x) => x['ref'] === 'refs/tags/simple-tag' && x['deleted'] === false)
    const plan = planTiers(contextFor('push', p, 'refs/tags/simple-tag'), inputsWith({ tiers }))
    expect(plan.selection).toBe('explicit')
    expect(plannedTiers(plan)).toEqual(expected)
    expect(plan.tiers.find((t) => t.run)!.reason).toBe(
      `push of tag simple-tag: requested in tiers (${expected.join(',')})`
    )
  })

  it('says which tiers were left out', () => {
    const plan = planTiers(
      contextFor('push', pushToMaster(), 'refs/heads/master'),
      inputsWith({ tiers: 'unit' })
    )
    expect(plan.tiers[1]!).toMatchObject({
      run: false,
      reason: 'push to the default branch (master): not in tiers (unit)'
    })
  })
})

describe('commands and the stack plan', () => {
  const planFor = (values: Record<string, string>): Plan =>
    planTiers(contextFor('push', pushToMaster(), 'refs/heads/master'), inputsWith(values))

  it('takes commands, setup command and result globs from the inputs', () => {
    const plan = planFor({
      'unit-command': 'npx jest unit',
      'integration-setup-command': 'npx cdklocal deploy --require-approval never',
      'e2e-results': 'reports/e2e/*.xml'
    })
    expect(plan.tiers).toEqual([
      expect.objectContaining({ tier: 'unit', command: 'npx jest unit' }),
      expect.objectContaining({
        tier: 'integration',
        command: 'npm run test:integration',
        setupCommand: 'npx cdklocal deploy --require-approval never'
      }),
      expect.objectContaining({ tier: 'e2e', command: 'npm run test:e2e', resultsGlob: 'reports/e2e/*.xml' })
    ])
    expect(plan.tiers[0]).not.toHaveProperty('setupCommand')
  })

  it('plans the e2e stacks with the run prefix, names, tags, region and accounts', () => {
    const plan = planFor({
      'deploy-command': 'sam deploy',
      'stack-names': 'orders,billing',
      'aws-region': 'eu-west-1',
      'allowed-account-ids': '123456789012'
    })
    expect(plan.stack).toEqual({
      prefix: 'pyr-17000000001-2',
      names: ['pyr-17000000001-2-orders', 'pyr-17000000001-2-billing'],
      tags: {
        'pyramid:ephemeral': 'true',
        'pyramid:repository': 'Codertocat/Hello-World',
        'pyramid:run-id': '17000000001',
        'pyramid:run-attempt': '2',
        'pyramid:instance': 'root',
        'pyramid:sha': '0000000000000000000000000000000000000001',
        'pyramid:created-by': 'https://github.com/Codertocat/Hello-World/actions/runs/17000000001/attempts/2'
      },
      region: 'eu-west-1',
      allowedAccountIds: ['123456789012'],
      forbiddenAccountIds: []
    })
  })

  it('leaves CDK stack names to synth unless cdk-stacks names them', () => {
    expect(planFor({}).stack!.names).toEqual([])
    expect(planFor({ 'cdk-stacks': 'Orders' }).stack!.names).toEqual(['pyr-17000000001-2-Orders'])
  })

  it('has no stack when e2e does not run', () => {
    expect(planFor({ tiers: 'unit,integration' }).stack).toBeUndefined()
  })
})
