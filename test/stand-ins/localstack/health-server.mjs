#!/usr/bin/env node
// A LocalStack stand-in: the process inside the container, answering LocalStack's own endpoints on
// 127.0.0.1:$LOCALSTACK_STANDIN_PORT. It follows LocalStack's source at tag v4.14.0 (file named at each
// behaviour) and is deterministic: nothing in it depends on time. What a test wants to happen "later"
// happens after a number of answers, or when the test creates a file.
//   GET /_localstack/health         {"services": {...}, "edition", "version"}
//   GET /_localstack/init           {"completed": {BOOT, START, READY, SHUTDOWN}, "scripts": [...]}
//   GET /_localstack/init/<stage>   {"completed": bool, "scripts": [that stage's scripts]}
//   GET /_localstack/info           version, edition, is_license_activated, session_id, machine_id, …
//   POST /2015-03-31/functions/<fn>/invocations   starts a sibling Lambda container (through `docker`)
//   any request signed for a service (SigV4 credential scope) loads that service if it was lazy
// Settings (environment):
//   SERVICES, EAGER_SERVICE_LOADING, SHUTDOWN_TIMEOUT, LOCALSTACK_AUTH_TOKEN   as LocalStack reads them
//   LOCALSTACK_STANDIN_STATES   services that fail to load, e.g. "dynamodb=error"
//   LOCALSTACK_STANDIN_STARTING "dynamodb:2": the first 2 health answers show dynamodb `starting` (a first
//                               request someone else sent is loading it)
//   LOCALSTACK_STANDIN_INIT     init scripts "STAGE:name=STATE,…", e.g. "READY:seed.sh=SUCCESSFUL,START:x.py=ERROR"
//   LOCALSTACK_STANDIN_READY_AFTER  the READY stage completes after this many answers (default 1)
//   LOCALSTACK_STANDIN_GATE     a file: the gateway binds only once it exists (start-up taking a while)
//   LOCALSTACK_STANDIN_CRASH    an exit code: the runtime exits with it before the gateway binds
//   LOCALSTACK_STANDIN_LAMBDA_SHUTDOWN  "leave": shutdown leaves the Lambda containers running
//   LOCALSTACK_STANDIN_CONTAINER_NAME, _EXIT_FILE   set by the docker stand-in (the container's name, where
//                               the exit code goes); LOCALSTACK_STANDIN_BOUND_FILE gets the bind time (for bench/)
//   LOCALSTACK_STANDIN_VERSION / _EDITION (4.14.0 / community); LOCALSTACK_STANDIN_LOG_TOKEN prints the token
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { performance } from 'node:perf_hooks'

const env = process.env
const port = Number(env.LOCALSTACK_STANDIN_PORT)
if (!port) {
  console.error('health stand-in: LOCALSTACK_STANDIN_PORT is not set')
  process.exit(2)
}
const version = env.LOCALSTACK_STANDIN_VERSION || '4.14.0'
const edition = env.LOCALSTACK_STANDIN_EDITION || 'community'
const containerName = env.LOCALSTACK_STANDIN_CONTAINER_NAME || env.MAIN_CONTAINER_NAME || 'localstack-main'
const setting = (name) => (env[name] || '').split(',').filter(Boolean)

// services/providers.py: the services with a "default" provider (SERVICE_PLUGINS.list_available()).
const AVAILABLE = [
  ...['acm', 'apigateway', 'cloudformation', 'cloudwatch', 'config', 'dynamodb', 'dynamodbstreams', 'ec2'],
  ...['es', 'events', 'firehose', 'iam', 'kinesis', 'kms', 'lambda', 'logs', 'opensearch', 'redshift'],
  ...['resource-groups', 'resourcegroupstaggingapi', 'route53', 'route53resolver', 's3', 's3control'],
  ...['scheduler', 'secretsmanager', 'ses', 'sns', 'sqs', 'ssm', 'stepfunctions', 'sts', 'support', 'swf'],
  'transcribe'
]
// utils/bootstrap.py: API_DEPENDENCIES and API_COMPOSITES.
const DEPENDENCIES = {
  dynamodb: ['dynamodbstreams'],
  dynamodbstreams: ['kinesis'],
  es: ['opensearch'],
  cloudformation: ['s3', 'sts'],
  lambda: ['s3', 'sts'],
  firehose: ['kinesis'],
  transcribe: ['s3'],
  secretsmanager: ['kms', 'lambda'],
  ssm: ['secretsmanager']
}
const COMPOSITES = {
  serverless: ['cloudformation', 'cloudwatch', 'iam', 'sts', 'lambda', 'dynamodb', 'apigateway', 's3'],
  cognito: ['cognito-idp', 'cognito-identity'],
  timestream: ['timestream-write', 'timestream-query']
}
// utils/bootstrap.py resolve_apis: composites replaced by their members, dependencies added.
function resolveApis(names) {
  const result = new Set()
  const stack = [...names]
  while (stack.length) {
    const s = stack.pop()
    if (result.has(s)) continue
    if (COMPOSITES[s]) stack.push(...COMPOSITES[s])
    else {
      result.add(s)
      stack.push(...(DEPENDENCIES[s] ?? []))
    }
  }
  return result
}
// config.py is_env_true / is_env_not_false with constants.TRUE_STRINGS / FALSE_STRINGS.
const isTrue = (name) => ['1', 'true'].includes((env[name] || '').trim().toLowerCase())
const notFalse = (name) => !['0', 'false'].includes((env[name] || '').trim().toLowerCase())
// utils/bootstrap.py: SERVICES entries are "name", "name:port" or "name=port"; the port is dropped.
const requested = (env.SERVICES || '')
  .trim()
  .split(/\s*,\s*/)
  .filter(Boolean)
  .map((e) => e.split(/[:=]/)[0])
// get_enabled_apis: with STRICT_SERVICE_LOADING (default on) SERVICES is filtered against the available
// services BEFORE resolve_apis, so a composite such as "serverless" enables nothing.
const enabled =
  requested.length && notFalse('STRICT_SERVICE_LOADING')
    ? resolveApis(requested.filter((s) => AVAILABLE.includes(s)))
    : resolveApis(AVAILABLE)
// get_preloaded_services: SERVICES resolved (composites too), or every available service.
const preloaded = resolveApis(requested.length ? requested : AVAILABLE)
const failing = Object.fromEntries(setting('LOCALSTACK_STANDIN_STATES').map((kv) => kv.split('=')))
const starting = Object.fromEntries(
  setting('LOCALSTACK_STANDIN_STARTING').map((kv) => [kv.split(':')[0], Number(kv.split(':')[1])])
)

// services/plugins.py ServicePluginManager.get_state: a service not loaded yet is "available" when enabled,
// else "disabled"; ServiceContainer.start/check make a loaded one "running" (or "error").
const loaded = new Map()
function load(service) {
  if (loaded.has(service) || !enabled.has(service) || !AVAILABLE.includes(service)) return
  if (failing[service] === 'error') {
    loaded.set(service, 'error')
    console.log(
      `ERROR --- [  MainThread] l.services.plugins : error while starting service ${service}: standin`
    )
  } else loaded.set(service, 'running')
}
let answers = 0
function services() {
  const out = {}
  for (const s of AVAILABLE) {
    if (s in starting && starting[s] >= answers) {
      out[s] = 'starting'
      continue
    }
    if (s in starting) load(s)
    out[s] = loaded.get(s) ?? (enabled.has(s) ? 'available' : 'disabled')
  }
  return out
}

// runtime/init.py: stages BOOT, START, READY, SHUTDOWN; script states UNKNOWN, RUNNING, SUCCESSFUL, ERROR.
// BOOT scripts run in a separate process (bin/docker-entrypoint.sh), so the server reports them UNKNOWN.
const scripts = setting('LOCALSTACK_STANDIN_INIT').map((spec) => {
  const [stage, rest] = spec.split(':')
  const [name, outcome] = rest.split('=')
  return { stage, name, outcome, state: 'UNKNOWN' }
})
const completed = { BOOT: false, START: false, READY: false, SHUTDOWN: false }
function runStage(stage) {
  for (const s of scripts.filter((x) => x.stage === stage)) {
    s.state = stage === 'BOOT' ? 'UNKNOWN' : s.outcome
    if (s.outcome === 'ERROR') {
      const path = `/etc/localstack/init/${stage.toLowerCase()}.d/${s.name}`
      console.log(
        `ERROR --- [  MainThread] localstack.runtime.init : Error while running script ` +
          `Script(path='${path}', stage=${stage}, state=ERROR): Script ${path} returned a non-zero exit code 1`
      )
    }
  }
  completed[stage] = true
}
const readyAfter = Number(env.LOCALSTACK_STANDIN_READY_AFTER ?? 1)

const server = http.createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const path = (req.url || '/').split('?')[0]
  if (path.startsWith('/_localstack/')) answers++
  // runtime/runtime.py: the READY stage (init.py _run_init_scripts_on_ready) runs once the gateway answers,
  // then "Ready." is printed.
  if (!completed.READY && answers > readyAfter) {
    runStage('READY')
    console.log('Ready.')
  }
  // services/internal.py HealthResource, InitScriptsResource, InitScriptsStageResource, InfoResource.
  if (path === '/_localstack/health') return send(200, { services: services(), edition, version })
  if (path === '/_localstack/init') {
    return send(200, {
      completed,
      scripts: scripts.map(({ stage, name, state }) => ({ stage, name, state }))
    })
  }
  const stage = /^\/_localstack\/init\/([^/]+)$/.exec(path)?.[1]?.toUpperCase()
  if (stage) {
    if (!(stage in completed)) {
      res.writeHead(404)
      return res.end(`no such stage ${stage.toLowerCase()}`)
    }
    const of = scripts.filter((s) => s.stage === stage).map(({ name, state }) => ({ stage, name, state }))
    return send(200, { completed: completed[stage], scripts: of })
  }
  if (path === '/_localstack/info') {
    return send(200, {
      version: `${version}:0123abc`,
      edition,
      is_license_activated: false,
      session_id: 'standin-session',
      machine_id: 'standin-machine',
      system: 'linux',
      is_docker: true,
      server_time_utc: '2026-01-01T00:00:00',
      uptime: 0
    })
  }
  const fn = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(path)?.[1]
  if (fn && req.method === 'POST') {
    load('lambda')
    startLambdaContainer(decodeURIComponent(fn))
    return send(200, {})
  }
  // A request signed for a service loads it on first use (plugins.py ServiceManager.require).
  const signedFor = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization || '')?.[1]
  if (signedFor) load(signedFor)
  return send(signedFor ? 200 : 404, signedFor ? {} : { error: 'not found', path })
})

// services/lambda_/invocation/docker_runtime_executor.py: a function runs in a sibling container named
// <main container>-lambda-<function name, lower case, _ as -> -<executor id>, started on the host's engine.
const lambdaContainers = []
function startLambdaContainer(fn) {
  const name = `${containerName}-lambda-${fn.toLowerCase().replace(/_/g, '-')}-${lambdaContainers.length + 1}`
  docker(['run', '-d', '--name', name, 'public.ecr.aws/lambda/nodejs:20'])
  lambdaContainers.push(name)
}
function docker(args) {
  // LocalStack talks to the engine itself: its calls are not the action's, so they go to their own log.
  const log = env.DOCKER_STANDIN_DIR ? `${env.DOCKER_STANDIN_DIR}/localstack-docker-calls.jsonl` : ''
  execFileSync('docker', args, { env: { ...env, DOCKER_STANDIN_LOG: log }, stdio: 'ignore' })
}

function exit(code) {
  if (env.LOCALSTACK_STANDIN_EXIT_FILE) fs.writeFileSync(env.LOCALSTACK_STANDIN_EXIT_FILE, String(code))
  process.exit(code)
}

// bin/docker-entrypoint.sh: the banner of the community image, and the warning when it is given a token.
if (!env.LOCALSTACK_AUTH_TOKEN) {
  console.log('WARNING\n' + '='.repeat(80) + '\n  You are starting the LocalStack Community Docker image.')
} else if (edition === 'community') {
  console.log('WARNING\n' + '='.repeat(80) + '\n  It seems you are trying to use the LocalStack Pro version')
}
// runtime/main.py print_runtime_information.
console.log(`\nLocalStack version: ${version}\n`)
if (env.LOCALSTACK_STANDIN_LOG_TOKEN) console.log(`auth token: ${env.LOCALSTACK_AUTH_TOKEN ?? '(none)'}`)
runStage('BOOT')
if (env.LOCALSTACK_STANDIN_CRASH) {
  console.log(`ERROR: the LocalStack runtime exited unexpectedly: standin crash`)
  exit(Number(env.LOCALSTACK_STANDIN_CRASH))
}
// runtime/runtime.py: on_infra_start hooks (eager loading in services/plugins.py eager_load_services, and
// the START stage) run before the gateway server listens.
if (isTrue('EAGER_SERVICE_LOADING')) for (const s of preloaded) load(s)
runStage('START')

function bind() {
  server.listen(port, '127.0.0.1', () => {
    if (env.LOCALSTACK_STANDIN_BOUND_FILE)
      fs.writeFileSync(env.LOCALSTACK_STANDIN_BOUND_FILE, String(performance.timeOrigin + performance.now()))
  })
}
const gate = env.LOCALSTACK_STANDIN_GATE
const bindWhenOpen = () => (!gate || fs.existsSync(gate) ? bind() : setTimeout(bindWhenOpen, 10))
bindWhenOpen()

// runtime/main.py: SIGTERM makes the runtime exit 0 after its shutdown hooks (the SHUTDOWN stage, and the
// Lambda service stopping its containers: lambda_service.py stop, docker stop --time 5 then remove).
process.on('SIGTERM', () => {
  console.log('Localstack runtime received signal 15')
  runStage('SHUTDOWN')
  if (env.LOCALSTACK_STANDIN_LAMBDA_SHUTDOWN !== 'leave') {
    for (const name of lambdaContainers) {
      docker(['stop', '-t', '5', name])
      docker(['rm', name])
    }
  }
  server.close()
  exit(0)
})
