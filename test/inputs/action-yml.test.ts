import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { INPUT_DEFAULTS, INPUT_NAMES } from '../../src/inputs/input-names.js'
import { OUTPUT_NAMES } from '../../src/inputs/output-names.js'
import { runOutputs } from '../../src/app/emit/action-outputs.js'
import { runTotals } from '../../src/core/results/run-totals.js'
import { allGreen } from '../report/reports.js'
import { readInputs } from '../../src/inputs/read-inputs.js'

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string }>
  outputs: Record<string, { description?: string }>
}
const action = parse(readFileSync(join(process.cwd(), 'action.yml'), 'utf8')) as ActionYml

describe('action.yml and readInputs agree', () => {
  it('reads every input of action.yml and no other', () => {
    const asked: string[] = []
    readInputs((name) => {
      asked.push(name)
      return ''
    }, {})
    expect([...new Set(asked)].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('also reads every input in mode report and mode publish (no input is skipped by a branch)', () => {
    for (const mode of ['report', 'publish']) {
      const asked = new Set<string>()
      const values: Record<string, string> = { mode, reports: 'r/*.json', 'github-token': 't' }
      readInputs((name) => {
        asked.add(name)
        return values[name] ?? ''
      }, {})
      expect([...asked].sort()).toEqual(Object.keys(action.inputs).sort())
    }
  })

  it('declares the same inputs, in the same order, with the same defaults', () => {
    expect(INPUT_NAMES).toEqual(Object.keys(action.inputs))
    for (const name of INPUT_NAMES) {
      expect([name, String(action.inputs[name]!.default ?? '')]).toEqual([name, INPUT_DEFAULTS[name]])
    }
  })

  it('declares the outputs OUTPUT_NAMES names, in the same order, each described', () => {
    expect(OUTPUT_NAMES).toEqual(Object.keys(action.outputs))
    for (const [name, output] of Object.entries(action.outputs))
      expect([name, output.description?.length ?? 0]).not.toEqual([name, 0])
  })

  it("sets every output of a run but the plan's", () => {
    const report = allGreen()
    const set = Object.keys(runOutputs(report, runTotals(report), 'pyramid-report.json', undefined))
    expect(set).toEqual(OUTPUT_NAMES.filter((n) => n !== 'plan' && n !== 'instance'))
  })

  it('describes every input', () => {
    for (const [name, input] of Object.entries(action.inputs))
      expect([name, input.description?.length ?? 0]).not.toEqual([name, 0])
  })
})
