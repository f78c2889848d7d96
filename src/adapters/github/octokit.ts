/** The one Octokit type the GitHub adapters take (from @actions/github's getOctokit). */
import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

export { httpStatus } from '../../app/ports.js'
