import { afterEach, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import net from 'node:net'
import { createHealthClient } from '../../src/adapters/localstack/health-client.js'
import { freePort } from '../stand-ins/docker/harness.js'

const servers: net.Server[] = []
const sockets = new Set<net.Socket>()
afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  sockets.clear()
  for (const s of servers.splice(0)) {
    if (s instanceof http.Server) s.closeAllConnections()
    await new Promise((resolve) => s.close(resolve))
  }
})

async function listen(server: net.Server): Promise<string> {
  servers.push(server)
  server.on('connection', (socket: net.Socket) => sockets.add(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
}

const client = createHealthClient()

describe('probing an endpoint', () => {
  it('reads a LocalStack health answer', async () => {
    const url = await listen(
      http.createServer((_req, res) =>
        res.end(JSON.stringify({ services: { s3: 'running' }, edition: 'community', version: '4.14.0' }))
      )
    )
    expect(await client.probe(url, 1000)).toEqual({
      kind: 'localstack',
      health: { services: { s3: 'running' }, edition: 'community', version: '4.14.0' }
    })
  })

  it('nothing listening is down (refused)', async () => {
    expect(await client.probe(`http://127.0.0.1:${await freePort()}`, 1000)).toEqual({
      kind: 'down',
      reason: 'ECONNREFUSED'
    })
  })

  it('a server that accepts but never answers is down after the request timeout, not reachable', async () => {
    const url = await listen(net.createServer(() => undefined))
    // The reason says the request's own timeout ended it (no wall-clock assertion: the machine may be loaded).
    expect(await client.probe(url, 300)).toEqual({ kind: 'down', reason: 'no answer within 300 ms' })
  })

  it('a gateway saying 503 is not an answer yet', async () => {
    const url = await listen(http.createServer((_req, res) => res.writeHead(503).end()))
    expect(await client.probe(url, 1000)).toEqual({ kind: 'down', reason: 'HTTP 503' })
  })

  it('another HTTP server answers, but not as LocalStack', async () => {
    const url = await listen(
      http.createServer((_req, res) => res.writeHead(400).end('{"__type":"MissingAuthenticationToken"}'))
    )
    expect(await client.probe(url, 1000)).toEqual({ kind: 'http', status: 400 })
  })

  it('a server that does not speak HTTP is reachable over TCP only', async () => {
    const url = await listen(net.createServer((socket) => socket.end('220 smtp.example ESMTP\r\n')))
    expect(await client.probe(url, 1000)).toEqual({ kind: 'tcp' })
  })

  it('init: every stage and script, undefined where there is no such endpoint, an error for anything else', async () => {
    const answer = {
      completed: { BOOT: true, START: true, READY: false, SHUTDOWN: false },
      scripts: [{ stage: 'READY', name: 'a.sh', state: 'RUNNING' }]
    }
    const url = await listen(
      http.createServer((req, res) => {
        if (req.url === '/_localstack/init') res.end(JSON.stringify(answer))
        else res.writeHead(404).end()
      })
    )
    expect(await client.initScripts(url, 1000)).toEqual(answer)
    const older = await listen(http.createServer((_req, res) => res.writeHead(404).end()))
    expect(await client.initScripts(older, 1000)).toBeUndefined()
    const broken = await listen(http.createServer((_req, res) => res.writeHead(500).end('boom')))
    await expect(client.initScripts(broken, 1000)).rejects.toThrow(
      '/_localstack/init answered HTTP 500: boom'
    )
  })
})
