/**
 * The stand-in's OpenAPI check itself, on the jobs of a run attempt: GitHub answers `conclusion: null`
 * for a job in progress (the description marks the enum nullable without listing null), and the check
 * must still refuse what GitHub never answers.
 */
import { describe, expect, it } from '@jest/globals'
import { checkResponse, operation } from '../stand-ins/github/openapi-check.js'

const jobs = operation('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs')
const job = {
  id: 1,
  node_id: 'J_1',
  run_id: 4242,
  run_url: 'https://api.github.test/repos/o/r/actions/runs/4242',
  head_sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  workflow_name: 'ci',
  head_branch: 'main',
  name: 'test',
  url: 'https://api.github.test/repos/o/r/actions/jobs/1',
  html_url: 'https://github.test/o/r/actions/runs/4242/job/1',
  status: 'in_progress',
  conclusion: null,
  created_at: '2026-12-01T10:00:00Z',
  started_at: '2026-12-01T10:00:05Z',
  completed_at: null,
  check_run_url: 'https://api.github.test/repos/o/r/check-runs/1',
  labels: ['ubuntu-24.04-16core'],
  runner_id: 100,
  runner_name: 'GitHub Actions 9',
  runner_group_id: 1,
  runner_group_name: 'GitHub Actions'
}
const page = (j: object) => ({ total_count: 1, jobs: [j] })

describe('OpenAPI check of the jobs of a run attempt', () => {
  it('accepts a job in progress (conclusion null)', () => {
    expect(checkResponse(jobs, 200, page(job))).toEqual([])
  })

  it('refuses a conclusion outside the enum, a job without labels, and an undocumented status', () => {
    expect(checkResponse(jobs, 200, page({ ...job, conclusion: 'done' })).join()).toMatch(/conclusion/)
    const unlabelled: Partial<typeof job> = { ...job }
    delete unlabelled.labels
    expect(checkResponse(jobs, 200, page(unlabelled)).join()).toMatch(/labels/)
    expect(checkResponse(jobs, 500, { message: 'boom' })).toEqual([
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs: status 500 is not documented'
    ])
  })
})
