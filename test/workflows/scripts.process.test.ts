/**
 * The shell scripts inside pyramid.yml run for real under bash, as the runner would run them (`bash -e`
 * with GITHUB_OUTPUT pointing at a file), with the env the workflow gives them.
 */
import { describe, it, expect } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadWorkflows } from './workflow-files.js'

const pyramid = loadWorkflows('.github/workflows').find((f) => f.path === '.github/workflows/pyramid.yml')

function script(jobId: string, stepId: string): string {
  const step = pyramid?.doc.jobs[jobId]?.steps?.find((s) => s.id === stepId)
  if (step?.run === undefined) throw new Error(`pyramid.yml has no run step '${stepId}' in job '${jobId}'`)
  return step.run
}

interface Ran {
  status: number | null
  outputs: Record<string, string>
  stdout: string
}

function run(body: string, env: Record<string, string>): Ran {
  const dir = mkdtempSync(join(tmpdir(), 'pyramid-step-'))
  try {
    const output = join(dir, 'output')
    writeFileSync(output, '')
    const file = join(dir, 'step.sh')
    writeFileSync(file, body)
    const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', GITHUB_OUTPUT: output, ...env },
      encoding: 'utf8'
    })
    return { status: ran.status, outputs: parseOutputs(readFileSync(output, 'utf8')), stdout: ran.stdout }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const block = line.match(/^([\w-]+)<<(.+)$/)
    if (block !== null) {
      const end = lines.indexOf(block[2] ?? '', i + 1)
      if (end < 0) throw new Error(`GITHUB_OUTPUT block ${line} is never closed`)
      outputs[block[1] ?? ''] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

describe('plan → job switches and the shard matrix', () => {
  const plan = (env: Record<string, string>): Ran => run(script('plan', 'jobs'), { REGION: '', ...env })

  it.each([
    ['unit', '1', { unit: 'true', integration: 'false', e2e: 'false', shards: '[1]' }],
    ['unit,integration', '3', { unit: 'true', integration: 'true', e2e: 'false', shards: '[1,2,3]' }],
    ['', '1', { unit: 'false', integration: 'false', e2e: 'false', shards: '[1]' }]
  ])('tiers %j with %s shards', (tiers, shards, expected) => {
    const ran = plan({ TIERS: tiers, SHARDS: shards })
    expect(ran.status).toBe(0)
    expect(ran.outputs).toEqual(expected)
  })

  it('plans e2e when a region is given', () => {
    const ran = plan({ TIERS: 'unit,integration,e2e', SHARDS: '2', REGION: 'eu-west-1' })
    expect(ran.outputs).toEqual({ unit: 'true', integration: 'true', e2e: 'true', shards: '[1,2]' })
  })

  it.each(['0', '257', '2.5', 'two'])('refuses unit-shards %j and says what is accepted', (shards) => {
    const ran = plan({ TIERS: 'unit', SHARDS: shards })
    expect(ran.status).toBe(1)
    expect(ran.stdout).toMatch(/::error title=unit-shards::.*1 to 256/)
  })

  it('refuses e2e without a region before any job starts', () => {
    const ran = plan({ TIERS: 'unit,e2e', SHARDS: '1' })
    expect(ran.status).toBe(1)
    expect(ran.stdout).toMatch(/::error title=aws-region::.*Set aws-region/)
  })
})
