/**
 * Names that must not collide within one run: artifacts (immutable per name, kept across attempts),
 * concurrency groups and comment sections — across two calls of the pyramid, N shards and two attempts,
 * rendered from pyramid.yml with GitHub's expression evaluator and from the action's own key functions.
 */
import { describe, expect, it } from '@jest/globals'
import { instanceFromDirectory, isInstanceName, jobKey, sectionKey } from '../../src/core/instance.js'
import { readInputs } from '../../src/inputs/read-inputs.js'
import { render } from './expressions.js'
import { loadWorkflows, type Step } from './workflow-files.js'

const pyramid = loadWorkflows('.github/workflows').find(
  (f) => f.path === '.github/workflows/pyramid.yml'
)!.doc
const OK = { success: true, failure: false, cancelled: false }
const CALLS = [instanceFromDirectory('.'), instanceFromDirectory('services/orders')]
const SHARDS = [1, 2, 3, 4]
const ATTEMPTS = ['1', '2']

function contexts(instance: string, shard: number, attempt: string) {
  return {
    needs: { plan: { outputs: { instance } } },
    matrix: { shard },
    github: { run_attempt: attempt, repository: 'o/r', ref: 'refs/heads/main' },
    runner: { temp: '/tmp' }
  }
}

const uploads: { job: string; step: Step }[] = Object.entries(pyramid.jobs).flatMap(([job, j]) =>
  (j.steps ?? []).filter((s) => s.uses?.startsWith('actions/upload-artifact@')).map((step) => ({ job, step }))
)

function artifacts(instance: string): string[] {
  return uploads.flatMap(({ job, step }) =>
    (job === 'unit' ? SHARDS : [1]).flatMap((shard) =>
      ATTEMPTS.map((a) => render(String(step.with?.name), contexts(instance, shard, a), OK))
    )
  )
}

describe('pyramid.yml names', () => {
  it('gives every artifact of two calls × 4 shards × 2 attempts a name of its own', () => {
    const names = CALLS.flatMap(artifacts)
    expect(names).toHaveLength(CALLS.length * ATTEMPTS.length * (SHARDS.length + uploads.length - 1))
    expect(new Set(names).size).toBe(names.length)
  })

  it("lets no call's download pattern match another call's artifacts", () => {
    const patterns = (instance: string) =>
      (pyramid.jobs.report?.steps ?? [])
        .filter((s) => s.uses?.startsWith('actions/download-artifact@'))
        .map((s) => render(String(s.with?.pattern), contexts(instance, 1, '1'), OK))
    const matches = (p: string, name: string) =>
      new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name)
    for (const [mine, theirs] of [CALLS, [...CALLS].reverse()] as [string, string][]) {
      expect(artifacts(theirs).filter((n) => patterns(mine).some((p) => matches(p, n)))).toEqual([])
      expect(
        artifacts(mine)
          .filter((n) => n.startsWith('pyramid-report_'))
          .every((n) => patterns(mine).some((p) => matches(p, n)))
      ).toBe(true)
    }
  })

  it('gives each call its own e2e concurrency group', () => {
    const group = (instance: string) =>
      render(
        String((pyramid.jobs.e2e?.concurrency as { group: string }).group),
        contexts(instance, 1, '1'),
        OK
      )
    expect(new Set(CALLS.map(group)).size).toBe(CALLS.length)
  })
})

describe('comment sections', () => {
  it('differ for two calls, for every shard of a matrix job and for each matrix value of the step form', () => {
    const keys = [
      ...CALLS.map((i) => sectionKey(jobKey('report', undefined), i, ['unit', 'integration'])),
      ...SHARDS.map((shard) => sectionKey(jobKey('unit', { shard }), 'root', ['unit'])),
      ...[20, 22, 24].map((node) =>
        sectionKey(jobKey('test', { node, os: 'ubuntu-latest' }), 'root', ['unit'])
      )
    ]
    expect(new Set(keys).size).toBe(keys.length)
    expect(sectionKey(jobKey('test', { node: 20 }), 'root', ['unit', 'integration'])).toBe(
      'test-20-unit-integration'
    )
    expect(sectionKey(jobKey('report', undefined), 'services-orders', ['unit'])).toBe(
      'report-services-orders-unit'
    )
  })
})

describe('the instance', () => {
  it.each([
    ['.', 'root'],
    ['./', 'root'],
    ['services/orders', 'services-orders'],
    ['./Services/Orders_API', 'services-orders-api']
  ])('of working-directory %j is %j', (dir, instance) => {
    expect(instanceFromDirectory(dir)).toBe(instance)
  })

  it('stays valid and distinct for long folders', () => {
    const a = instanceFromDirectory('packages/backend/services/orders-and-invoices')
    const b = instanceFromDirectory('packages/backend/services/orders-and-payments')
    expect([isInstanceName(a), isInstanceName(b), a === b]).toEqual([true, true, false])
  })

  it('is read from the input, derived when empty, and refused when it is not a name', () => {
    const read = (values: Record<string, string>) => readInputs((n) => values[n] ?? '', {})
    expect(read({ 'working-directory': 'services/orders' }).instance).toBe('services-orders')
    expect(read({ instance: 'orders' }).instance).toBe('orders')
    expect(() => read({ instance: 'Orders_1' })).toThrow(/instance: "Orders_1" is not an instance name/)
    expect(read({ matrix: '{"shard":2}' }).matrix).toEqual({ shard: 2 })
    expect(read({ matrix: 'null' }).matrix).toBeUndefined()
  })
})
