/**
 * The GitHub runner's side of the ports, over @actions/core: workflow commands for logs, annotations and
 * masks; GITHUB_OUTPUT, GITHUB_STATE and GITHUB_STEP_SUMMARY files for outputs, state and the summary.
 */
import * as core from '@actions/core'
import { appendFile } from 'node:fs/promises'
import type { Log, Outputs, StateStore, SummaryWriter } from '../../app/ports.js'

export const actionsLog: Log = {
  info: (m) => core.info(m),
  debug: (m) => core.debug(m),
  warning: (m, p) => core.warning(m, p ?? {}),
  error: (m, p) => core.error(m, p ?? {}),
  mask: (s) => {
    if (s) core.setSecret(s)
  },
  group: (name, fn) => core.group(name, fn)
}

/** An input of the action as the runner hands it over (INPUT_<NAME>), trimmed. */
export function actionInput(name: string): string {
  return core.getInput(name)
}

/** Fails the step with the message (an error annotation and exit code 1). */
export function failStep(message: string): void {
  core.setFailed(message)
}

export const actionsState: StateStore = {
  save: (key, value) => core.saveState(key, value),
  get: (key) => core.getState(key)
}

export const actionsOutputs: Outputs = {
  set: (name, value) => core.setOutput(name, value)
}

/** Appends to GITHUB_STEP_SUMMARY; without it (a local run) the summary goes nowhere but the report. */
export function actionsSummary(env: Record<string, string | undefined>): SummaryWriter {
  return {
    append: async (markdown) => {
      const file = env.GITHUB_STEP_SUMMARY
      if (!file) return
      await appendFile(file, markdown.endsWith('\n') ? markdown : markdown + '\n', 'utf8')
    }
  }
}
