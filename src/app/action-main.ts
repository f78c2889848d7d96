/**
 * The action's main step: inputs → context → plan → the mode's work → report. Only this function turns
 * an error into a failed step; everything below throws.
 */
import * as core from '@actions/core'
import { readRunContext } from '../adapters/runner/run-context.js'
import { readInputs } from '../inputs/read-inputs.js'
import { runModes } from './modes/dispatch.js'
import { actionRuntime } from './wiring/action-runtime.js'
import { errorMessage } from '../core/error-message.js'

export async function runMain(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name), env)
    if (inputs.integration.localstackAuthToken) core.setSecret(inputs.integration.localstackAuthToken)
    const context = await readRunContext(env)
    const rt = actionRuntime(env, inputs, context)
    const failure = await runModes(rt)
    if (failure) core.setFailed(failure)
  } catch (err) {
    core.setFailed(errorMessage(err))
  }
}
