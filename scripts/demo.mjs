// `npm run demo`: installs the example app's dependencies, starts a local DynamoDB emulator (dynalite,
// in memory, on a loopback port) in place of LocalStack — this machine may have no Docker — and runs the
// pyramid on examples/orders-service with the bundled CLI, exactly as a developer would.
//
//   npm run demo                 unit + integration, with one test that is flaky on purpose
//   npm run demo -- --fail       ... and one test that fails for real
//   npm run demo -- --no-flaky   everything green
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const app = path.join(root, 'examples', 'orders-service')
const argv = process.argv.slice(2)
const flaky = !argv.includes('--no-flaky')
const fail = argv.includes('--fail')

function step(text) {
  process.stdout.write(`\n\u001b[1m== ${text}\u001b[0m\n`)
}

function installExample() {
  const lock = path.join(app, 'package-lock.json')
  const installed = path.join(app, 'node_modules', '.package-lock.json')
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return
  step('installing the example app (npm ci in examples/orders-service)')
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: app, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

async function startDynalite(port) {
  const bin = path.join(root, 'node_modules', 'dynalite', 'cli.js')
  const child = spawn(process.execPath, [bin, '--port', String(port), '--host', '127.0.0.1'], {
    stdio: 'ignore'
  })
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false
    )
    if (ok) return child
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error(`dynalite did not start on 127.0.0.1:${port}`)
}

installExample()
const port = await freePort()
step(`starting a local DynamoDB emulator (dynalite) on 127.0.0.1:${port} — standing in for LocalStack`)
const dynalite = await startDynalite(port)
step('running the pyramid on examples/orders-service')
const cli = spawn(
  process.execPath,
  [
    path.join(root, 'dist', 'cli', 'index.js'),
    'run',
    '--event',
    'pull_request',
    '--working-directory',
    app,
    '--localstack',
    'external',
    '--localstack-endpoint',
    `http://127.0.0.1:${port}`,
    '--localstack-services',
    'dynamodb',
    '--retries',
    '2',
    '--report-path',
    path.join(app, '.pyramid', 'pyramid-report.json'),
    '--summary-file',
    path.join(app, '.pyramid', 'summary.md'),
    '--history',
    'off'
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(flaky ? { ORDERS_DEMO_FLAKY: '1' } : {}),
      ...(fail ? { ORDERS_DEMO_FAIL: '1' } : {}),
      AWS_REGION: 'us-east-1'
    }
  }
)
const code = await new Promise((resolve) => cli.on('close', (c) => resolve(c ?? 1)))
dynalite.kill()
step(
  `done: the markdown summary is in examples/orders-service/.pyramid/summary.md, the CTRF report next to it`
)
// The demo shows a failing run on purpose with --fail; its exit code tells the truth either way.
process.exit(code)
