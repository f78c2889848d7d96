import { describe, expect, it } from '@jest/globals'
import { fitSections, utf8Bytes, type FitOmissions } from '../../src/core/report/fit.js'
import type { Section } from '../../src/core/report/section.js'

const note = (o: FitOmissions) => `NOTE shortened=[${o.compacted.join(',')}] dropped=[${o.dropped.join(',')}]`

function section(id: string, size: number, dropOrder: number, compactSize?: number): Section {
  return {
    id,
    dropOrder,
    markdown: id.padEnd(size, '.'),
    ...(compactSize !== undefined ? { compact: `${id}-c`.padEnd(compactSize, '.') } : {})
  }
}

describe('utf8Bytes', () => {
  it.each(['', 'abc', 'é', '€', '😀', 'a😀é€', '\ud800x'])('matches the encoder for %j', (s) => {
    expect(utf8Bytes(s)).toBe(new TextEncoder().encode(s).length)
  })
})

describe('fitSections', () => {
  const sections = [
    section('verdict', 100, 0),
    section('failed', 1000, 3, 200),
    section('slowest', 300, 6),
    section('cost', 300, 5)
  ]

  it('keeps everything, without a note, when it fits', () => {
    const r = fitSections(sections, 10_000, note)
    expect(r.dropped).toEqual([])
    expect(r.compacted).toEqual([])
    expect(r.markdown).not.toContain('NOTE')
    expect(r.bytes).toBe(utf8Bytes(r.markdown))
  })

  it('shortens before it drops, and names what it did', () => {
    const r = fitSections(sections, 1000, note)
    expect(r.compacted).toEqual(['failed'])
    expect(r.dropped).toEqual([])
    expect(r.markdown).toContain('failed-c')
    expect(r.markdown).toContain('NOTE shortened=[failed] dropped=[]')
    expect(r.bytes).toBeLessThanOrEqual(1000)
  })

  it('drops the highest dropOrder first and never drops order 0', () => {
    const r = fitSections(sections, 500, note)
    expect(r.dropped).toEqual(['slowest', 'cost'])
    expect(r.markdown.startsWith('verdict')).toBe(true)
    expect(r.bytes).toBeLessThanOrEqual(500)
    const tiny = fitSections(sections, 250, note)
    expect(tiny.dropped).toEqual(['failed', 'slowest', 'cost']) // named in document order
    expect(tiny.markdown).toContain('verdict')
  })

  it('keeps the document order of what stays', () => {
    const r = fitSections(sections, 800, note)
    const at = (id: string) => r.markdown.indexOf(id)
    expect(at('verdict')).toBeLessThan(at('failed'))
    expect(r.markdown.indexOf('NOTE')).toBeGreaterThan(at('failed'))
  })

  it('uses titles in the note when sections have them', () => {
    const titled = [section('v', 10, 0), { ...section('x', 500, 2), title: 'the x part' }]
    expect(fitSections(titled, 200, note).markdown).toContain('dropped=[the x part]')
  })

  it('cuts at a line end as a last resort when never-dropped sections alone are too big', () => {
    const big: Section = {
      id: 'big',
      dropOrder: 0,
      markdown: Array.from({ length: 100 }, (_, i) => `line ${i} 😀`).join('\n')
    }
    const r = fitSections([big], 300, note)
    expect(r.truncated).toBe(true)
    expect(r.bytes).toBeLessThanOrEqual(300)
    expect(r.markdown).toMatch(/line \d+ 😀\n\n… \(cut/)
  })

  it('measures bytes, not characters', () => {
    const wide: Section = { id: 'w', dropOrder: 1, markdown: '😀'.repeat(100) }
    const r = fitSections([section('v', 10, 0), wide], 300, note)
    expect(r.dropped).toEqual(['w'])
  })

  it('does not modify its input', () => {
    const copy = JSON.parse(JSON.stringify(sections))
    fitSections(sections, 100, note)
    expect(sections).toEqual(copy)
  })
})
