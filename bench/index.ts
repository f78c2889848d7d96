/** `npm run bench`: every benchmark in turn. Each prints its figures (ratios against a baseline
 * measured in the same run); none asserts. Pass names to run some: `npm run bench -- startup`. */
const benches: Record<string, () => Promise<{ main: () => Promise<void> }>> = {
  startup: () => import('./startup.js'),
  'parse-junit': () => import('./parse-junit.js'),
  'localstack-readiness': () => import('./localstack-readiness.js'),
  'destroy-latency': () => import('./destroy-latency.js'),
  'history-ledger': () => import('./history-ledger.js'),
  ingest: () => import('./ingest.js'),
  'comment-fit': () => import('./comment-fit.js'),
  pipeline: () => import('./pipeline.js')
}

export {}

const wanted = process.argv.slice(2)
for (const [name, load] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  console.log(`\n### ${name}`)
  await (await load()).main()
}
