import { describe, expect, it } from '@jest/globals'
import { resolveStackPrefix, stackName } from '../../lib/stack-prefix'

describe('stack prefix', () => {
  it('prefers the context value, then PYRAMID_STACK_PREFIX, then "dev"', () => {
    expect(resolveStackPrefix('ctx-1', { PYRAMID_STACK_PREFIX: 'env-1' })).toBe('ctx-1')
    expect(resolveStackPrefix(undefined, { PYRAMID_STACK_PREFIX: 'env-1' })).toBe('env-1')
    expect(resolveStackPrefix(undefined, {})).toBe('dev')
  })

  it('builds <prefix>-<suffix>', () => {
    expect(stackName('pyr-123-1', 'orders')).toBe('pyr-123-1-orders')
  })

  it.each([['1abc'], ['has_underscore'], ['x'.repeat(125)]])(
    'rejects a prefix CloudFormation would refuse: %s',
    (prefix) => {
      expect(() => stackName(prefix, 'orders')).toThrow(/not valid for CloudFormation.*PYRAMID_STACK_PREFIX/)
    }
  )
})
