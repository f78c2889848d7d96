/**
 * Inputs that name places must name existing folders, checked before anything runs: a missing
 * working-directory would otherwise be created by the first results folder, and npm would then walk up
 * to a parent package.json and run another project's tests. Nothing is created here.
 */
import path from 'node:path'
import type { Plan } from '../../core/tiers/plan.js'
import { InputError } from '../../inputs/input-error.js'
import type { Inputs } from '../../inputs/types.js'
import type { Workspace } from '../ports.js'

export async function checkPlaces(
  workspace: Workspace,
  inputs: Pick<Inputs, 'workingDirectory' | 'e2e'>,
  plan: Plan,
  repoRoot: string
): Promise<void> {
  const problems: string[] = []
  const shown = (dir: string) => JSON.stringify(path.relative(repoRoot, dir) || '.')
  if (!(await workspace.isDirectory(inputs.workingDirectory))) {
    problems.push(
      `working-directory: ${shown(inputs.workingDirectory)} is not an existing folder of the checkout (${repoRoot}); nothing was created. Name the folder that holds the project's package.json or tests.`
    )
  } else if (plan.tiers.some((t) => t.tier === 'e2e' && t.run) && inputs.e2e.deployCommand === undefined) {
    const appDir = path.resolve(inputs.workingDirectory, inputs.e2e.cdkAppDir)
    if (!(await workspace.isDirectory(appDir))) {
      problems.push(
        `cdk-app-dir: ${shown(appDir)} is not an existing folder (it is read relative to working-directory); nothing was created. Name the folder that holds cdk.json.`
      )
    }
  }
  if (problems.length > 0) throw new InputError(problems)
}
