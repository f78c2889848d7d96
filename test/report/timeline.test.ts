/** The timeline view: bars from the timed phases, what ran ahead of its tier's turn, the critical path. */
import { describe, expect, it } from '@jest/globals'
import { timelineOf } from '../../src/core/report/timeline.js'
import { timelineSection } from '../../src/core/report/sections/timeline.js'
import { fitSections } from '../../src/core/report/fit.js'
import { skippedTier, type TierRun } from '../../src/core/results/run.js'
import { allGreen, pipelinedEager } from './reports.js'

const S = 1000
const T = Date.parse('2026-11-25T10:00:00.000Z')

function tier(
  name: TierRun['tier'],
  phases: [string, 'setup' | 'teardown', number, number][],
  tests?: [number, number]
): TierRun {
  const attempts = tests
    ? [
        {
          attempt: 1,
          command: 'x',
          scope: 'all' as const,
          exitCode: 0,
          startedAt: T + tests[0] * S,
          durationMs: tests[1] * S,
          reportFiles: []
        }
      ]
    : []
  return {
    ...skippedTier(name, ''),
    outcome:
      attempts.length > 0 ? { kind: 'ran', attempts: [attempts[0]!] } : { kind: 'skipped', reason: '' },
    phases: phases.map(([n, kind, at, ms]) => ({
      name: n,
      kind,
      startedAt: T + at * S,
      durationMs: ms * S,
      ok: true
    }))
  }
}

const marks = (tiers: TierRun[]) =>
  timelineOf(tiers)!.bars.map(
    (b) => `${b.tier} ${b.label}${b.ahead ? ' ahead' : ''}${b.critical ? ' crit' : ''}`
  )

describe('timelineOf', () => {
  it('eager: the deploy ran ahead and was what the e2e tests waited for', () => {
    expect(marks(pipelinedEager().tiers)).toEqual([
      'unit tests',
      'integration pull ahead',
      'integration start ahead',
      'integration ready ahead',
      'integration tests',
      'integration remove',
      'e2e preflight ahead crit',
      'e2e synth ahead crit',
      'e2e deploy ahead crit',
      'e2e tests crit',
      'e2e destroy crit'
    ])
  })

  it('auto: synth ran ahead, but the deploy waited for the integration tests, which waited for unit', () => {
    const tiers = [
      tier('unit', [], [0, 40]),
      tier('integration', [['ready', 'setup', 0, 25]], [40, 60]),
      tier(
        'e2e',
        [
          ['synth', 'setup', 0, 20],
          ['deploy', 'setup', 100, 150],
          ['destroy', 'teardown', 310, 60]
        ],
        [250, 60]
      )
    ]
    expect(marks(tiers)).toEqual([
      'unit tests crit',
      'integration ready ahead',
      'integration tests crit',
      'e2e synth ahead',
      'e2e deploy crit',
      'e2e tests crit',
      'e2e destroy crit'
    ])
    expect(timelineOf(tiers)!.spanMs).toBe(370 * S)
  })

  it('auto: the e2e deploy starts beside the LocalStack removal, which is not what the run waited on', () => {
    const tiers = [
      tier('unit', [], [0, 40]),
      tier(
        'integration',
        [
          ['ready', 'setup', 0, 25],
          ['remove', 'teardown', 100, 10]
        ],
        [40, 60]
      ),
      tier(
        'e2e',
        [
          ['synth', 'setup', 0, 20],
          ['deploy', 'setup', 100, 150]
        ],
        [250, 60]
      )
    ]
    expect(marks(tiers)).toEqual([
      'unit tests crit',
      'integration ready ahead',
      'integration tests crit',
      'integration remove',
      'e2e synth ahead',
      'e2e deploy crit',
      'e2e tests crit'
    ])
    const gantt = timelineSection(timelineOf(tiers))!.markdown
    expect(gantt).toContain(`remove :${T + 100 * S}, ${T + 110 * S}`)
    expect(gantt).toContain(`deploy :crit, ${T + 100 * S}, ${T + 250 * S}`)
  })

  it('a short preparation that ended just after the lowest tier started is not what anything waited on', () => {
    const tiers = [tier('unit', [], [0.03, 5]), tier('integration', [['ready', 'setup', 0, 0.04]], [5.1, 5])]
    expect(marks(tiers)).toEqual(['unit tests crit', 'integration ready ahead', 'integration tests crit'])
  })

  it('off: one after the other, every bar is on the critical path and none ran ahead', () => {
    const tiers = [tier('unit', [], [0, 40]), tier('integration', [['ready', 'setup', 40, 25]], [65, 60])]
    expect(marks(tiers)).toEqual(['unit tests crit', 'integration ready crit', 'integration tests crit'])
  })

  it('a report without start times (written before they were kept) has no timeline block', () => {
    expect(timelineOf(allGreen().tiers)).toBeUndefined()
    expect(timelineSection(undefined)).toBeUndefined()
  })

  it('is shortened to one line per tier before it is left out', () => {
    const section = timelineSection(timelineOf(pipelinedEager().tiers))!
    const fitted = fitSections([section], section.compact!.length + 200, () => 'cut')
    expect(fitted.markdown).not.toContain('```mermaid')
    expect(fitted.markdown).toContain(
      '**e2e**: **preflight (ahead) 0:00–0:01** · **synth (ahead) 0:01–0:20**'
    )
  })
})
