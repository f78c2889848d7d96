/**
 * Tests talk only to loopback. Any attempt to open a socket to another host fails loudly, so a test can
 * never reach GitHub, AWS or a registry by accident.
 */
import net from 'node:net'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/

function hostOf(args: unknown[]): string | undefined {
  const first = args[0]
  if (Array.isArray(first)) return hostOf(first)
  if (first && typeof first === 'object') {
    const o = first as { host?: string; path?: string }
    if (o.path) return undefined // unix socket
    return o.host ?? 'localhost'
  }
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost'
  return undefined
}

const originalConnect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args)
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`test network guard: connection to ${host} refused (tests use loopback only)`)
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args)
} as typeof net.Socket.prototype.connect
