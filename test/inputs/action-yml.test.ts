import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { INPUT_DEFAULTS, INPUT_NAMES } from '../../src/inputs/input-names.js'
import { readInputs } from '../../src/inputs/read-inputs.js'

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string }>
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

  it('describes every input', () => {
    for (const [name, input] of Object.entries(action.inputs))
      expect([name, input.description?.length ?? 0]).not.toEqual([name, 0])
  })
})
