/** Fitting the sticky comment by structure: blocks and their ranks, never the rendered text. */
import { describe, expect, it } from '@jest/globals'
import { fitStickyBody, type FitInput } from '../../src/core/comment/fit.js'
import { parseStickyBody } from '../../src/core/comment/sticky-body.js'
import { commentSection } from '../../src/core/report/comment-section.js'
import { reportView } from '../../src/core/report/view.js'
import type { RunReport } from '../../src/core/results/report.js'
import { allGreen, failuresAndFlaky, hostileFailures } from '../report/reports.js'
import { tableProblems } from '../golden/markdown-checks.js'

const RUN = 'https://github.com/acme/orders/actions/runs/987654321/attempts/1'

function section(report: RunReport, label: string) {
  return commentSection(reportView(report), { label })
}

function fitComment(sections: [string, FitInput][], max = 65_536) {
  return fitStickyBody({ title: 'Serverless test pyramid', sections: new Map(sections) }, max, RUN)
}

/** Raw <details> tags outside code (fences and spans): each must be closed. */
function detailsBalance(md: string): number {
  const outside = md.replace(/^(`{3,})[a-z]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]+?\1/g, '')
  return (outside.match(/<details>/g) ?? []).length - (outside.match(/<\/details>/g) ?? []).length
}

describe('fitStickyBody', () => {
  it('returns the full body when it fits, unchanged and deterministic whatever the insertion order', () => {
    const a = section(allGreen(), 'a')
    const b = section(failuresAndFlaky(), 'b')
    const one = fitComment([
      ['a', a],
      ['b', b]
    ])
    expect(one.shortened).toEqual([])
    expect(one.body).toBe(
      fitComment([
        ['b', b],
        ['a', a]
      ]).body
    )
  })

  it('defect 1: a path holding </details> never breaks the comment, whatever has to be left out', () => {
    // 10 jobs of 3,000 failures each at GitHub's limit (the old fitter left headerless rows), then tighter.
    for (const [n, max] of [
      [10, 65_536],
      [3, 20_000],
      [3, 6_000]
    ] as const) {
      const keys = Array.from({ length: n }, (_, i) => `unit-${i + 1}`)
      const jobs: [string, FitInput][] = keys.map((k) => [k, section(hostileFailures(3000), k)])
      const { body } = fitComment(jobs, max)
      expect(body.length).toBeLessThanOrEqual(max)
      expect(tableProblems(body)).toEqual([])
      expect(detailsBalance(body)).toBe(0)
      expect(body).not.toMatch(/^\|(?!.*\|\s*$)/m)
      for (const k of keys) expect(parseStickyBody(body)!.sections.get(k)).toContain(`**${k}** failed`)
    }
  })

  it('defect 2: failing jobs come first, the title carries the verdict, equal sections fold alike', () => {
    const keys = Array.from({ length: 8 }, (_, i) => `job-${i}`)
    const jobs: [string, FitInput][] = [
      ['a-passing', section(allGreen(), 'a-passing')],
      ...keys.map((k): [string, FitInput] => [k, section(hostileFailures(400), k)])
    ]
    const { body } = fitComment(jobs, 40_000)
    expect(body.split('\n')[1]).toBe('### ❌ Serverless test pyramid: failed (8 of 9 jobs)')
    const parsed = parseStickyBody(body)!
    const order = [...body.matchAll(/<!-- pyramid-section:([a-z0-9-]+)/g)].map((m) => m[1])
    expect(order).toEqual([...keys, 'a-passing'])
    const forms = keys.map((k) => parsed.sections.get(k)!.replace(new RegExp(k, 'g'), 'K'))
    expect(new Set(forms).size).toBe(1)
    expect(forms[0]).toContain('To fit GitHub')
    expect(forms[0]!.match(/To fit GitHub/g)).toHaveLength(1)
  })

  it('keeps the open failures (message lines, link to the file at the commit) as long as anything can go first', () => {
    const { body } = fitComment([['unit', section(hostileFailures(3000), 'unit')]])
    expect(body).toContain('**Failed tests** (first 5 of 3,000)')
    expect(body).toContain(
      '](https://github.com/acme/orders/blob/0123456789abcdef0123456789abcdef01234567/src/a%3C/details%3Eb/case-0.test.ts#L1)'
    )
    expect(body).toContain('```text\nexpected 0\nExpected: 1\nReceived: 2\n```')
    expect(body).toContain('<details><summary>2,995 more failed tests</summary>')
  })

  it('a writer puts its own section at the level the comment needs, from the sizes others recorded', () => {
    const big = (k: string) => section(hostileFailures(3000), k)
    let stored = fitComment([['x', big('x')]]).body
    for (const k of ['y', 'z', 'w']) {
      const p = parseStickyBody(stored)!
      stored = fitStickyBody(
        { title: 'T', sections: new Map<string, FitInput>([...p.sections, [k, big(k)]]), results: p.results },
        30_000,
        RUN
      ).body
    }
    const p = parseStickyBody(stored)!
    const levels = ['y', 'z', 'w'].map((k) => (p.sections.get(k)!.match(/state=dropped/g) ?? []).length)
    expect(new Set(levels).size).toBe(1)
    expect(stored.length).toBeLessThanOrEqual(30_000)
  })

  it('leaves out a plain-text section whole, never cutting it at some line', () => {
    const { body, shortened } = fitComment(
      [
        ['legacy', '#### old\n' + '| a | b |\n'.repeat(5000)],
        ['unit', section(allGreen(), 'unit')]
      ],
      10_000
    )
    expect(shortened).toContain('legacy')
    expect(parseStickyBody(body)!.sections.get('legacy')).toMatch(/^_This section was left out to fit/)
  })
})
