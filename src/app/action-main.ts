/**
 * The action's main step: inputs → context → plan → the mode's work → report. Only this function turns
 * an error into a failed step; everything below throws.
 */
import { readInputs } from '../inputs/read-inputs.js'
import { runModes } from './modes/dispatch.js'
import type { MainHost } from './runtime.js'
import { errorMessage } from '../core/error-message.js'

export async function runMain(host: MainHost): Promise<void> {
  try {
    const inputs = readInputs(host.input, host.env)
    if (inputs.integration.localstackAuthToken) host.log.mask(inputs.integration.localstackAuthToken)
    const context = await host.context()
    const failure = await runModes(host.runtime(inputs, context))
    if (failure) host.fail(failure)
  } catch (err) {
    host.fail(errorMessage(err))
  }
}
