#!/usr/bin/env node
// A LocalStack stand-in that answers LocalStack's own endpoints on 127.0.0.1:$LOCALSTACK_STANDIN_PORT:
//   GET /_localstack/health     {"services": {...}, "edition", "version"}
//   GET /_localstack/init/ready {"completed": bool, "scripts": [...]}
//   GET /_localstack/info       {"version", "edition", "is_license_activated": false, ...}
// Settings (environment):
//   SERVICES                        enabled services (others answer "disabled"); empty = all "available"
//   LOCALSTACK_STANDIN_START_DELAY_MS  wait before binding the port (LocalStack's start-up)
//   LOCALSTACK_STANDIN_STARTING_MS  after binding, enabled services say "starting" this long
//   LOCALSTACK_STANDIN_STATES       final states, e.g. "dynamodb=error,s3=running" (default "available")
//   LOCALSTACK_STANDIN_INIT_MS      init scripts run this long after binding (default: no scripts)
//   LOCALSTACK_STANDIN_CRASH        "ms:code": exit with code ms after start (code written to _EXIT_FILE)
//   LOCALSTACK_STANDIN_BOUND_FILE   the time the port was bound (epoch ms, fractional) is written here
//   LOCALSTACK_STANDIN_VERSION / _EDITION (4.14.0 / community)
//   LOCALSTACK_STANDIN_LOG_TOKEN    print LOCALSTACK_AUTH_TOKEN in the log (a leak the lifecycle must redact)
import fs from 'node:fs'
import http from 'node:http'
import { performance } from 'node:perf_hooks'

const env = process.env
const KNOWN = [
  'acm',
  'apigateway',
  'cloudformation',
  'cloudwatch',
  'config',
  'dynamodb',
  'dynamodbstreams',
  'ec2',
  'es',
  'events',
  'firehose',
  'iam',
  'kinesis',
  'kms',
  'lambda',
  'logs',
  'opensearch',
  'redshift',
  'resource-groups',
  'resourcegroupstaggingapi',
  'route53',
  'route53resolver',
  's3',
  's3control',
  'scheduler',
  'secretsmanager',
  'ses',
  'sns',
  'sqs',
  'ssm',
  'stepfunctions',
  'sts',
  'support',
  'swf',
  'transcribe'
]
const port = Number(env.LOCALSTACK_STANDIN_PORT)
if (!port) {
  console.error('health stand-in: LOCALSTACK_STANDIN_PORT is not set')
  process.exit(2)
}
const version = env.LOCALSTACK_STANDIN_VERSION || '4.14.0'
const edition = env.LOCALSTACK_STANDIN_EDITION || 'community'
const enabled = (env.SERVICES || '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const finalStates = Object.fromEntries(
  (env.LOCALSTACK_STANDIN_STATES || '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('='))
)
const startingMs = Number(env.LOCALSTACK_STANDIN_STARTING_MS || 0)
const initMs =
  env.LOCALSTACK_STANDIN_INIT_MS === undefined ? undefined : Number(env.LOCALSTACK_STANDIN_INIT_MS)
let boundAt = 0
const now = () => performance.timeOrigin + performance.now()

function services() {
  const starting = now() - boundAt < startingMs
  const out = {}
  for (const s of KNOWN) {
    const on = enabled.length === 0 || enabled.includes(s)
    out[s] = !on ? 'disabled' : starting ? 'starting' : finalStates[s] || 'available'
  }
  return out
}

const server = http.createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const path = (req.url || '/').split('?')[0]
  if (path === '/_localstack/health') return send(200, { services: services(), edition, version })
  if (path === '/_localstack/init/ready') {
    if (initMs === undefined) return send(200, { completed: true, scripts: [] })
    const completed = now() - boundAt >= initMs
    return send(200, {
      completed,
      scripts: [{ stage: 'READY', name: 'seed.sh', state: completed ? 'SUCCESSFUL' : 'RUNNING' }]
    })
  }
  if (path === '/_localstack/info')
    return send(200, { version, edition, is_license_activated: false, session_id: 'standin' })
  return send(404, { error: 'not found', path })
})

console.log(`LocalStack version: ${version}`)
// A leaky debug log, to prove the lifecycle redacts secrets from what it shows.
if (env.LOCALSTACK_STANDIN_LOG_TOKEN) console.log(`auth token: ${env.LOCALSTACK_AUTH_TOKEN ?? '(none)'}`)
if (env.LOCALSTACK_STANDIN_CRASH) {
  const [ms, code] = env.LOCALSTACK_STANDIN_CRASH.split(':').map(Number)
  setTimeout(() => {
    console.log(`standin: crashing with exit code ${code}`)
    if (env.LOCALSTACK_STANDIN_EXIT_FILE) fs.writeFileSync(env.LOCALSTACK_STANDIN_EXIT_FILE, String(code))
    process.exit(code)
  }, ms)
}
setTimeout(
  () => {
    server.listen(port, '127.0.0.1', () => {
      boundAt = now()
      if (env.LOCALSTACK_STANDIN_BOUND_FILE)
        fs.writeFileSync(env.LOCALSTACK_STANDIN_BOUND_FILE, String(boundAt))
      console.log('Ready.')
    })
  },
  Number(env.LOCALSTACK_STANDIN_START_DELAY_MS || 0)
)
process.on('SIGTERM', () => {
  console.log('standin: stopping')
  server.close()
  process.exit(0)
})
