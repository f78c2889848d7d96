import { handedOverProblem } from '../../src/core/stacks/hand-over.js'
import { describe, expect, it } from '@jest/globals'
import { checkAccount, maskAccount } from '../../src/core/stacks/account.js'
import {
  assertValidPrefix,
  hasRunPrefix,
  outputEnvName,
  runPrefix,
  stackNameProblem
} from '../../src/core/stacks/naming.js'
import { planStacks } from '../../src/core/stacks/plan.js'
import { classifyStatus } from '../../src/core/stacks/states.js'
import { expiresAt, isOwnedByRun, missingTags, stackTags, tagsAsEnv } from '../../src/core/stacks/tags.js'
import { e2eInputs, runContext } from './helpers.js'

const NOW = Date.parse('2026-11-25T10:00:00Z')

describe('names', () => {
  it('builds the run prefix and checks CloudFormation rules', () => {
    expect(runPrefix('pyr', 'root', '123', 2)).toBe('pyr-123-2')
    expect(stackNameProblem('pyr-123-2-orders')).toBeUndefined()
    expect(stackNameProblem('1pyr')).toMatch(/start with a letter/)
    expect(stackNameProblem('pyr_x')).toMatch(/letters, digits and hyphens/)
    expect(stackNameProblem('a'.repeat(129))).toMatch(/at most 128/)
    expect(() => assertValidPrefix('9-1-1')).toThrow(/stack-prefix/)
    expect(hasRunPrefix('pyr-1-1-orders', 'pyr-1-1')).toBe(true)
    expect(hasRunPrefix('pyr-1-10-orders', 'pyr-1-1')).toBe(false)
    expect(outputEnvName('Api.Url')).toBe('PYRAMID_OUTPUT_Api_Url')
  })
})

describe('tags', () => {
  const tags = stackTags(runContext(), 'root', NOW, 60)
  it('carries every tag the safety rules name', () => {
    expect(tags).toEqual({
      'pyramid:ephemeral': 'true',
      'pyramid:repository': 'acme/orders',
      'pyramid:run-id': '4242',
      'pyramid:run-attempt': '1',
      'pyramid:instance': 'root',
      'pyramid:sha': 'abc123',
      'pyramid:expires-at': '2026-11-25T11:00:00.000Z',
      'pyramid:created-by': 'https://github.example/acme/orders/actions/runs/4242/attempts/1'
    })
    expect(tagsAsEnv(tags)).toContain('pyramid:run-id=4242 pyramid:run-attempt=1')
    expect(expiresAt(tags)).toBe(NOW + 3_600_000)
  })
  it('tells ours from foreign stacks', () => {
    expect(isOwnedByRun(tags, 'acme/orders', '4242')).toBe(true)
    expect(isOwnedByRun(tags, 'acme/orders', '4243')).toBe(false)
    expect(isOwnedByRun({}, 'acme/orders', '4242')).toBe(false)
    expect(missingTags(tags, { ...tags, 'pyramid:sha': 'x' })).toEqual(['pyramid:sha'])
  })
})

describe('account guard', () => {
  it.each([
    ['123456789012', [], [], true],
    ['123456789012', ['123456789012'], [], true],
    ['123456789012', ['999999999999'], [], false],
    ['123456789012', [], ['123456789012'], false]
  ])('%s allowed=%j forbidden=%j → %s', (account, allowed, forbidden, ok) => {
    const v = checkAccount(account, allowed, forbidden)
    expect(v.ok).toBe(ok)
    if (!ok) expect(v.reason).toContain('********9012')
    if (!ok) expect(v.reason).not.toContain('123456789012')
  })
  it('masks to the last 4 digits', () => expect(maskAccount('123456789012')).toBe('********9012'))
})

describe('state classification', () => {
  it.each([
    ['CREATE_IN_PROGRESS', 'in-progress'],
    ['UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'in-progress'],
    ['DELETE_IN_PROGRESS', 'in-progress'],
    ['REVIEW_IN_PROGRESS', 'deletable'],
    ['ROLLBACK_COMPLETE', 'deletable'],
    ['UPDATE_COMPLETE', 'deletable'],
    ['DELETE_FAILED', 'delete-failed'],
    ['DELETE_COMPLETE', 'deleted']
  ])('%s → %s', (status, cls) => expect(classifyStatus(status)).toBe(cls))
})

describe('planStacks', () => {
  it('gives prefix, names for a deploy-command, tags and the guard', () => {
    const plan = planStacks(
      e2eInputs({
        deployCommand: 'sam deploy',
        stackNames: ['api'],
        allowedAccountIds: ['1'],
        awsRegion: 'eu-west-1'
      }),
      'root',
      runContext(),
      NOW
    )
    expect(plan).toMatchObject({
      prefix: 'pyr-4242-1',
      names: ['pyr-4242-1-api'],
      region: 'eu-west-1',
      allowedAccountIds: ['1']
    })
    expect(plan.tags['pyramid:run-id']).toBe('4242')
    expect(planStacks(e2eInputs(), 'root', runContext(), NOW).names).toEqual([])
  })
})

describe('handedOverProblem', () => {
  const call = { runId: '4242', instance: 'root' }
  it('accepts handed-over stacks that are all created or updated', () => {
    expect(
      handedOverProblem(
        [
          { name: 'pyr-4242-1-api', status: 'CREATE_COMPLETE' },
          { name: 'pyr-4242-1-db', status: 'UPDATE_COMPLETE' }
        ],
        call
      )
    ).toBeUndefined()
  })
  it('says when nothing was handed over, and names a stack that is not ready', () => {
    expect(handedOverProblem([], call)).toMatch(/^No stacks of run 4242, instance root, were handed over/)
    expect(
      handedOverProblem(
        [
          { name: 'pyr-4242-1-api', status: 'CREATE_COMPLETE' },
          { name: 'pyr-4242-1-db', status: 'ROLLBACK_COMPLETE' }
        ],
        call
      )
    ).toBe('Handed-over stack(s) not ready to test: pyr-4242-1-db (ROLLBACK_COMPLETE).')
  })
})
