/** Whether the stacks found for a call can be tested as handed over by a `mode: deploy` job. Pure. */

const READY = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE'])

/** Why the found stacks cannot be tested, or undefined when there are some and every one is ready. */
export function handedOverProblem(
  found: readonly { name: string; status: string }[],
  call: { runId: string; instance: string }
): string | undefined {
  if (found.length === 0) {
    return (
      `No stacks of run ${call.runId}, instance ${call.instance}, were handed over: the deploy job (mode deploy) ` +
      'deployed none, or cleanup destroyed them already (a re-run of this job alone finds none: re-run all jobs).'
    )
  }
  const notReady = found.filter((s) => !READY.has(s.status))
  if (notReady.length === 0) return undefined
  return `Handed-over stack(s) not ready to test: ${notReady.map((s) => `${s.name} (${s.status})`).join(', ')}.`
}
