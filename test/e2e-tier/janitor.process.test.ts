/** mode: cleanup (this run's stacks by tag) and mode: janitor (expired stacks) against the simulator. */
import { describe, expect, it } from '@jest/globals'
import { createAwsClients } from '../../src/adapters/aws/clients.js'
import { systemClock } from '../../src/adapters/clock.js'
import { cleanupRunStacks } from '../../src/app/e2e/destroy-from-state.js'
import { runJanitor } from '../../src/app/e2e/janitor.js'
import { stackTags } from '../../src/core/stacks/tags.js'
import { recordingLog } from '../fakes/log.js'
import { runContext, simulatorPerTest } from './helpers.js'

const T = { Resources: { Q: { Type: 'AWS::SQS::Queue' } } }
const NOW = Date.now()
const sim = simulatorPerTest({ createMs: 20, deleteMs: 20 })
const deps = () => ({ clock: systemClock, log: recordingLog(), aws: createAwsClients })

describe('cleanup (no shared state)', () => {
  it('destroys the stacks tagged with this repository and run id, and nothing else', async () => {
    const mine = await sim().seed('pyr-7-1-api', T, stackTags(runContext({ runId: '7' }), 'root', NOW, 60))
    const retry = await sim().seed(
      'pyr-7-2-api',
      T,
      stackTags(runContext({ runId: '7', runAttempt: 2 }), 'root', NOW, 60)
    )
    const otherRun = await sim().seed(
      'pyr-8-1-api',
      T,
      stackTags(runContext({ runId: '8' }), 'root', NOW, 60)
    )
    const otherRepo = await sim().seed(
      'pyr-7-1-web',
      T,
      stackTags(runContext({ runId: '7', repository: 'acme/web' }), 'root', NOW, 60)
    )
    const out = await cleanupRunStacks(deps(), cleanupOptions())
    expect(out.failure).toBeUndefined()
    expect(out.report?.stacks.map((s) => s.name).sort()).toEqual(['pyr-7-1-api', 'pyr-7-2-api'])
    expect([mine.status, retry.status]).toEqual(['DELETE_COMPLETE', 'DELETE_COMPLETE'])
    expect([otherRun.status, otherRepo.status]).toEqual(['CREATE_COMPLETE', 'CREATE_COMPLETE'])
  })

  it('leaves the stacks of another call (instance) of the same run, even when their names look alike', async () => {
    // instance "a" of run 5 has the prefix pyr-a-5-1; instance "a-5" of run 5 has pyr-a-5-5-1, which starts
    // like a's: only the instance tag tells them apart
    const a = await sim().seed('pyr-a-5-1-api', T, stackTags(runContext({ runId: '5' }), 'a', NOW, 60))
    const b = await sim().seed('pyr-a-5-5-1-api', T, stackTags(runContext({ runId: '5' }), 'a-5', NOW, 60))
    const root = await sim().seed('pyr-5-1-api', T, stackTags(runContext({ runId: '5' }), 'root', NOW, 60))
    const out = await cleanupRunStacks(deps(), cleanupOptions({ runId: '5', instance: 'a' }))
    expect(out.report?.stacks.map((s) => s.name)).toEqual(['pyr-a-5-1-api'])
    expect([a.status, b.status, root.status]).toEqual([
      'DELETE_COMPLETE',
      'CREATE_COMPLETE',
      'CREATE_COMPLETE'
    ])
  })

  it.each([
    [
      'forbidden',
      { forbiddenAccountIds: ['123456789012'] },
      /forbidden-account-ids: cleanup deletes nothing/
    ],
    ['not allowed', { allowedAccountIds: ['210987654321'] }, /not in allowed-account-ids/]
  ])('refuses an account that is %s, before listing a stack', async (_what, guard, message) => {
    const mine = await sim().seed('pyr-7-1-api', T, stackTags(runContext({ runId: '7' }), 'root', NOW, 60))
    const out = await cleanupRunStacks(deps(), cleanupOptions(guard))
    expect(out.failure).toMatch(message)
    expect(out.failure).toContain('********9012')
    expect(mine.status).toBe('CREATE_COMPLETE')
    expect(sim().requests.map((q) => q.action)).not.toContain('ListStacks')
  })
})

function cleanupOptions(extra: Partial<Parameters<typeof cleanupRunStacks>[1]> = {}) {
  return {
    region: 'us-east-1',
    endpointUrl: sim().url,
    repository: 'acme/orders',
    runId: '7',
    stackPrefix: 'pyr',
    instance: 'root',
    allowedAccountIds: [],
    forbiddenAccountIds: [],
    forceDelete: true,
    timeoutMs: 10_000,
    ...extra
  }
}

describe('janitor', () => {
  async function seedFleet() {
    const expired = stackTags(runContext({ runId: '1' }), 'root', NOW - 3 * 3_600_000, 60)
    return {
      old: await sim().seed('pyr-1-1-old', T, expired),
      fresh: await sim().seed('pyr-2-1-fresh', T, stackTags(runContext({ runId: '2' }), 'root', NOW, 60)),
      protectedOne: await sim().seed('pyr-3-1-protected', T, { ...expired, 'pyramid:run-id': '3' }),
      busy: await (async () => {
        sim().behave('pyr-4-1-busy', { createMs: 60_000 })
        return sim().model.createStack('pyr-4-1-busy', T, { ...expired, 'pyramid:run-id': '4' })
      })(),
      otherRepo: await sim().seed('pyr-5-1-other', T, { ...expired, 'pyramid:repository': 'acme/web' }),
      untagged: await sim().seed('pyr-6-1-untagged', T, {})
    }
  }
  const opts = (dryRun: boolean, extra: Partial<Parameters<typeof runJanitor>[1]> = {}) => ({
    repository: 'acme/orders',
    stackPrefix: 'pyr',
    allowedAccountIds: [],
    forbiddenAccountIds: [],
    ...extra,
    now: NOW,
    dryRun,
    region: 'us-east-1',
    endpointUrl: sim().url,
    forceDelete: true,
    timeoutMs: 10_000
  })

  it('deletes expired stacks, skips termination-protected and in-progress ones, and tables what it did', async () => {
    const fleet = await seedFleet()
    sim().model.setTerminationProtection(fleet.protectedOne.id, true)
    const r = await runJanitor(deps(), opts(false))
    expect(r.removed).toEqual(['pyr-1-1-old'])
    expect(r.left).toEqual(
      expect.arrayContaining([
        { name: 'pyr-2-1-fresh', reason: expect.stringMatching(/^not expired/) },
        { name: 'pyr-3-1-protected', reason: 'termination protection is enabled' },
        { name: 'pyr-4-1-busy', reason: 'in progress (CREATE_IN_PROGRESS)' }
      ])
    )
    expect(r.left.map((l) => l.name)).not.toContain('pyr-5-1-other')
    expect(fleet.old.status).toBe('DELETE_COMPLETE')
    expect([fleet.fresh, fleet.protectedOne, fleet.otherRepo, fleet.untagged].map((s) => s.status)).toEqual(
      Array(4).fill('CREATE_COMPLETE')
    )
    expect(r.markdown).toContain('| `pyr-1-1-old` | deleted |')
    expect(r.markdown).toContain('| `pyr-3-1-protected` | left: termination protection is enabled |')
  })

  it('dry-run lists what it would delete and deletes nothing', async () => {
    const fleet = await seedFleet()
    const r = await runJanitor(deps(), opts(true))
    expect(r.removed).toEqual([])
    expect(r.wouldRemove.sort()).toEqual(['pyr-1-1-old', 'pyr-3-1-protected'])
    expect(r.left).toContainEqual({
      name: 'pyr-1-1-old',
      reason: expect.stringMatching(/^dry run: would delete/)
    })
    expect(fleet.old.status).toBe('CREATE_COMPLETE')
    expect(sim().requests.some((q) => q.action === 'DeleteStack')).toBe(false)
    expect(r.markdown).toMatch(/### Stack janitor \(dry run\)/)
  })

  it('considers only stacks named with its stack-prefix', async () => {
    const expired = stackTags(runContext({ runId: '1' }), 'root', NOW - 3 * 3_600_000, 60)
    const other = await sim().seed('team2-1-1-api', T, expired)
    const r = await runJanitor(deps(), opts(false))
    expect(r.removed).toEqual([])
    expect(other.status).toBe('CREATE_COMPLETE')
  })

  it('refuses a forbidden account: lists nothing, deletes nothing, says why', async () => {
    const fleet = await seedFleet()
    const r = await runJanitor(deps(), opts(false, { forbiddenAccountIds: ['123456789012'] }))
    expect(r.refused).toMatch(/forbidden-account-ids: the janitor deletes nothing there/)
    expect(r.markdown).toMatch(/Refused/)
    expect(fleet.old.status).toBe('CREATE_COMPLETE')
    expect(sim().requests.map((q) => q.action)).not.toContain('ListStacks')
  })
})
