export async function runMain(): Promise<void> {
  const core = await import('@actions/core')
  core.info('hello')
}
