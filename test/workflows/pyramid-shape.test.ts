/**
 * The reusable pyramid workflow has the shape the README promises: one job per tier in pyramid order, the unit
 * tier sharded over a matrix, every report merged by one `if: always()` report job, an `if: always()`
 * cleanup backstop, and e2e runs of one ref that never overlap.
 */
import { describe, it, expect } from '@jest/globals'
import { type Job, type Step, loadWorkflows, needsOf } from './workflow-files.js'

const pyramid = loadWorkflows('.github/workflows').find((f) => f.path === '.github/workflows/pyramid.yml')
if (pyramid === undefined) throw new Error('.github/workflows/pyramid.yml is missing')
const jobs = pyramid.doc.jobs

function job(id: string): Job {
  const found = jobs[id]
  if (found === undefined) throw new Error(`pyramid.yml has no job '${id}'`)
  return found
}
const stepUsing = (j: Job, prefix: string): Step[] =>
  (j.steps ?? []).filter((s) => s.uses?.startsWith(prefix))
const action = (j: Job): Step => {
  const [step] = stepUsing(j, '$/')
  if (step === undefined) throw new Error('the job does not run the action')
  return step
}

describe('the reusable pyramid workflow', () => {
  it('has the jobs plan, unit, integration, e2e-deploy, e2e, cleanup and report', () => {
    expect(Object.keys(jobs)).toEqual([
      'plan',
      'unit',
      'integration',
      'e2e-deploy',
      'e2e',
      'cleanup',
      'report'
    ])
  })

  it('deploys ahead in e2e-deploy (needs only the plan), tests in e2e (after unit, integration, e2e-deploy)', () => {
    expect(needsOf(job('e2e-deploy'))).toEqual(['plan'])
    expect(job('e2e-deploy').if).toBe("needs.plan.outputs.e2e == 'true' && inputs.prepare == 'eager'")
    expect(action(job('e2e-deploy')).with?.mode).toBe('deploy')
    expect(action(job('e2e-deploy')).with?.tiers).toBe('e2e')
    expect(needsOf(job('e2e'))).toEqual(['plan', 'unit', 'integration', 'e2e-deploy'])
    expect(action(job('e2e')).with?.['e2e-stacks']).toBe(
      "${{ inputs.prepare == 'eager' && 'handed-over' || 'deploy' }}"
    )
    // the deploy job and the test job name the same stacks: the same stack settings and instance
    const deploy = action(job('e2e-deploy')).with ?? {}
    const test = action(job('e2e')).with ?? {}
    for (const key of Object.keys(deploy).filter((k) => k !== 'mode')) {
      expect([key, deploy[key]]).toEqual([key, test[key]])
    }
    // the same setup steps before the action (checkout, node, install, credentials)
    const before = (j: Job) => JSON.stringify((j.steps ?? []).slice(0, (j.steps ?? []).indexOf(action(j))))
    expect(before(job('e2e-deploy'))).toBe(before(job('e2e')))
    expect(job('e2e-deploy').permissions).toEqual({ contents: 'read', 'id-token': 'write' })
    // GitHub keeps one pending job per concurrency group and cancels the older one: a group on e2e-deploy
    // would let a newer run's deploy cancel this run's pending e2e job. Only the e2e job has it.
    expect(job('e2e-deploy').concurrency).toBeUndefined()
  })

  it("declares prepare with the action's default (auto: nothing deployed before the lower tiers passed)", () => {
    const call = (pyramid!.doc.on as Record<string, { inputs: Record<string, { default?: unknown }> }>)
      .workflow_call
    expect(call?.inputs.prepare?.default).toBe('auto')
    expect(action(job('cleanup')).with?.prepare).toBe('${{ inputs.prepare }}')
  })

  it('plans with mode plan and switches every tier job on the plan', () => {
    expect(action(job('plan')).with?.mode).toBe('plan')
    for (const tier of ['unit', 'integration', 'e2e']) {
      expect(needsOf(job(tier))).toContain('plan')
      expect(job(tier).if).toContain(`needs.plan.outputs.${tier} == 'true'`)
      expect(job('plan').outputs?.[tier]).toBeDefined()
    }
  })

  it('runs each tier job on its own tier, in pyramid order', () => {
    expect(action(job('unit')).with?.tiers).toBe('unit')
    expect(action(job('integration')).with?.tiers).toBe('integration')
    expect(action(job('e2e')).with?.tiers).toBe('e2e')
    expect(needsOf(job('integration'))).toContain('unit')
    expect(needsOf(job('e2e'))).toEqual(expect.arrayContaining(['unit', 'integration']))
    expect(job('e2e').if).toContain('!inputs.fail-fast')
  })

  it('shards the unit tier over a matrix from the plan, with one report artifact per shard', () => {
    expect(job('unit').strategy?.matrix?.['shard']).toBe('${{ fromJSON(needs.plan.outputs.shards) }}')
    // The action gives the runner its own shard flag from PYRAMID_SHARD (core/runners/shard.ts).
    expect(action(job('unit')).with?.['unit-command']).toBe('${{ inputs.unit-command }}')
    expect(action(job('unit')).env?.['PYRAMID_SHARD']).toBe('${{ matrix.shard }}/${{ inputs.unit-shards }}')
    const [upload] = stepUsing(job('unit'), 'actions/upload-artifact@')
    expect(upload?.with?.name).toBe(
      'pyramid-report_${{ needs.plan.outputs.instance }}_unit-${{ matrix.shard }}_attempt-${{ github.run_attempt }}'
    )
    expect(upload?.with?.path).toBe(action(job('unit')).with?.['report-path'])
  })

  it('uploads every tier report under a name one of the report job downloads matches, even when the tier failed', () => {
    const downloads = stepUsing(job('report'), 'actions/download-artifact@')
    expect(downloads).toHaveLength(3)
    for (const tier of ['unit', 'integration', 'e2e']) {
      const [upload] = stepUsing(job(tier), 'actions/upload-artifact@')
      const download = downloads.find((d) => d.if === `needs.${tier}.result != 'skipped'`)
      const pattern = new RegExp(
        `^${String(download?.with?.pattern)
          .replace(/[.$^{}()]/g, '\\$&')
          .replace(/\*/g, '.*')}$`
      )
      expect(String(upload?.with?.name)).toMatch(pattern)
      expect(upload?.if).toBe('always()')
      expect(upload?.with?.overwrite).toBeUndefined() // each attempt uploads under its own name
      expect(String(upload?.with?.path)).toMatch(
        /^\$\{\{ runner\.temp \}\}\/pyramid-reports\/[\w${}. -]+\.json$/
      )
      expect(download?.with?.path).toBe('${{ runner.temp }}/pyramid-reports')
    }
    expect(action(job('report')).with?.reports).toBe('${{ runner.temp }}/pyramid-reports/**/*.json')
  })

  it('comments and writes history only from the report job', () => {
    for (const tier of ['plan', 'unit', 'integration', 'e2e']) {
      expect(action(job(tier)).with?.comment).toBe('never')
      expect(action(job(tier)).with?.history).toBe('off')
    }
    expect(action(job('report')).with?.mode).toBe('report')
    expect(job('report').if).toBe('always()')
    // a failed download still ends in a summary; with no tier run there is nothing to merge
    expect(action(job('report')).if).toBe("always() && env.PYRAMID_TIER_RAN == 'true'")
    expect(needsOf(job('report'))).toEqual(expect.arrayContaining(['unit', 'integration', 'e2e']))
  })

  it('keeps two e2e runs of one ref and instance from racing, and never cancels one mid-deploy', () => {
    expect(job('e2e').concurrency).toEqual({
      group: 'pyramid-e2e-${{ github.repository }}-${{ github.ref }}-${{ needs.plan.outputs.instance }}',
      'cancel-in-progress': false
    })
  })

  it('gives every job a timeout from an input', () => {
    for (const [id, j] of Object.entries(jobs)) {
      expect([id, j['timeout-minutes']]).toEqual([
        id,
        expect.stringMatching(/^\$\{\{ inputs\.[\w-]+-timeout-minutes \}\}$/)
      ])
    }
  })

  it('destroys in an always() cleanup job after e2e, with the same stack settings', () => {
    const cleanup = job('cleanup')
    expect(needsOf(cleanup)).toEqual(['plan', 'e2e-deploy', 'e2e'])
    expect(cleanup.if).toMatch(/^always\(\) && /)
    const e2e = action(job('e2e')).with ?? {}
    const backstop = action(cleanup).with ?? {}
    expect(backstop.mode).toBe('cleanup')
    for (const key of [
      'aws-region',
      'instance',
      'stack-prefix',
      'allowed-account-ids',
      'forbidden-account-ids',
      'aws-endpoint-url'
    ]) {
      expect([key, backstop[key]]).toEqual([key, e2e[key]])
    }
  })

  it('assumes the AWS role through OIDC only in the e2e-deploy, e2e and cleanup jobs', () => {
    const withOidc = Object.entries(jobs)
      .filter(([, j]) => stepUsing(j, 'aws-actions/configure-aws-credentials@').length > 0)
      .map(([id]) => id)
    expect(withOidc).toEqual(['e2e-deploy', 'e2e', 'cleanup'])
    for (const id of withOidc) {
      const [configure] = stepUsing(job(id), 'aws-actions/configure-aws-credentials@')
      expect(configure?.with?.['role-to-assume']).toBe('${{ inputs.aws-role-to-assume }}')
    }
  })

  it('gives the LocalStack token only to the integration job', () => {
    const holders = Object.entries(jobs)
      .filter(([, j]) => JSON.stringify(j).includes('secrets.LOCALSTACK_AUTH_TOKEN'))
      .map(([id]) => id)
    expect(holders).toEqual(['integration'])
  })
})
