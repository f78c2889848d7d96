/**
 * The runner's price per minute: runner-price-per-minute when it is set; otherwise GitHub's price for
 * the runner the job's `runs-on` labels name (read from the jobs API, which needs `actions: read`: the
 * runner context has no labels), else the standard runner of RUNNER_OS / RUNNER_ARCH. A jobs API that
 * cannot be read is an assumption the log states, never a failure.
 */
import { defaultRunnerPrice, priceFromLabels, type RunnerDescription } from '../core/cost/runner-prices.js'
import { errorMessage } from '../core/error-message.js'
import type { Runtime } from './runtime.js'

export async function runnerPricePerMinute(rt: Runtime): Promise<number> {
  const { inputs, env, context } = rt
  const runnerName = env.RUNNER_NAME
  if (inputs.runnerPriceGiven || rt.host !== 'action' || !runnerName || !inputs.githubToken)
    return inputs.runnerPricePerMinute
  const runner: RunnerDescription = {
    os: env.RUNNER_OS,
    arch: env.RUNNER_ARCH,
    environment: env.RUNNER_ENVIRONMENT
  }
  const [owner = '', repo = ''] = context.repository.split('/')
  try {
    const labels = await (
      await rt.github()
    ).runnerJobLabels({ owner, repo }, { runId: context.runId, runAttempt: context.runAttempt, runnerName })
    const price = labels && priceFromLabels(labels, runner)
    if (price) {
      rt.log.info(`Runner minutes priced at $${price.usdPerMinute}/min: ${price.basis}.`)
      return price.usdPerMinute
    }
    rt.log.debug(`The job's labels (${labels?.join(', ') ?? 'none listed'}) name no runner of a known size.`)
  } catch (err) {
    rt.log.info(
      `Runner minutes priced as ${defaultRunnerPrice(runner).basis}, assuming a standard runner: the job's runs-on labels could not be read (${errorMessage(err)}). Give the job's token actions: read, or set runner-price-per-minute.`
    )
  }
  return inputs.runnerPricePerMinute
}
