import { describe, expect, it } from '@jest/globals'
import { fitStickyBody } from '../../src/core/comment/fit.js'
import { parseStickyBody } from '../../src/core/comment/sticky-body.js'

describe('fitStickyBody', () => {
  it('returns the full body when it fits, unchanged and deterministic', () => {
    const b = {
      title: '### T',
      sections: new Map([
        ['b', 'two'],
        ['a', 'one']
      ])
    }
    const { body, shortened } = fitStickyBody(b)
    expect(shortened).toEqual([])
    expect(body).toBe(
      fitStickyBody({
        title: '### T',
        sections: new Map([
          ['a', 'one'],
          ['b', 'two']
        ])
      }).body
    )
  })

  it('drops <details> first, then cuts the big sections, keeping small ones whole and fences closed', () => {
    const big =
      '#### big\n```\n' + 'trace line\n'.repeat(3000) + '```\n<details>\n' + 'x\n'.repeat(4000) + '</details>'
    const b = {
      title: '### T',
      sections: new Map([
        ['big', big],
        ['small', 'small: 3 passed']
      ])
    }
    const { body, shortened } = fitStickyBody(b, 10_000, 'https://github.test/run/1')
    expect(body.length).toBeLessThanOrEqual(10_000)
    expect(shortened).toEqual(['big'])
    const sections = parseStickyBody(body)!.sections
    expect(sections.get('small')).toBe('small: 3 passed')
    expect(sections.get('big')!.startsWith('#### big')).toBe(true)
    expect((sections.get('big')!.match(/```/g) ?? []).length % 2).toBe(0)
    expect(sections.get('big')).toContain('full report in the [job summary](https://github.test/run/1)')
  })
})
