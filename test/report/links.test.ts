import { describe, expect, it } from '@jest/globals'
import { blobUrl, type LinkContext } from '../../src/core/report/links.js'

const ctx: LinkContext = {
  serverUrl: 'https://github.example',
  repository: 'acme/orders',
  sha: 'abc1234def',
  runId: '42',
  runAttempt: 1,
  eventName: 'push',
  ref: 'refs/heads/main',
  job: 'unit'
}

describe('blobUrl', () => {
  it('percent-encodes every segment, also what would end a markdown link', () => {
    expect(blobUrl(ctx, './src/a (1)/😀 x.ts', 7)).toBe(
      'https://github.example/acme/orders/blob/abc1234def/src/a%20%281%29/%F0%9F%98%80%20x.ts#L7'
    )
  })

  it('links nothing for a path no repository file can have, instead of throwing', () => {
    expect(blobUrl(ctx, 'src/a\ud800.ts')).toBeUndefined()
    expect(blobUrl(ctx, 'src/\udc00b.ts')).toBeUndefined()
    expect(blobUrl(ctx, '../outside.ts')).toBeUndefined()
    expect(blobUrl(ctx, 'src/a\u0007.ts')).toBeUndefined()
  })

  it('links nothing for a local run or an unknown commit', () => {
    expect(blobUrl({ ...ctx, serverUrl: '' }, 'src/a.ts')).toBeUndefined()
    expect(blobUrl({ ...ctx, sha: '' }, 'src/a.ts')).toBeUndefined()
  })
})
