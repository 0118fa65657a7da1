/** Connection reuse for starts: faster, and never a clean failure where the outcome is unknown. */
import net from 'node:net'

import { afterEach, describe, expect, it, vi } from 'vitest'

import type { StartTarget } from '../../shared/domain'
import { directTransport } from '../net/direct'
import { closePooledConnections, TCP_KEEPALIVE_MS } from './connection-pool'
import { startProcess } from './start'
import { closedPort, sendJson, useTestServers } from './test-servers'
import type { StartRequest } from './types'

const TARGET: StartTarget = { mode: 'build', appId: 'a', buildId: 'b', processName: 'loan' }
const INSTANCE = { uuid: 'u-1', state: 'STARTED', tokens: [] }

const { serve } = useTestServers()
const originalWrite = net.Socket.prototype.write
const originalSetKeepAlive = net.Socket.prototype.setKeepAlive

afterEach(() => closePooledConnections())

function request(baseUrl: string): StartRequest {
  return {
    baseUrl,
    platform: 'web',
    token: 'TOKEN-keepalive',
    target: TARGET,
    payload: { a: 1 },
    // A fresh transport each time, as the app makes one per launch: the pool still applies.
    transport: directTransport()
  }
}

describe('connection reuse', () => {
  it('sends consecutive starts to the same server over one connection', async () => {
    const ports = new Set<number | undefined>()
    const server = await serve((_, res, req) => {
      ports.add(req.socket.remotePort)
      sendJson(res, 200, INSTANCE)
    })
    for (let n = 0; n < 3; n++) {
      expect((await startProcess(request(server.url))).status).toBe('started')
    }
    expect(server.received).toHaveLength(3)
    expect(ports.size).toBe(1)
  })

  it('writes the request head and its body to the connection in one write', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    // What the client side hands to its socket (the server's own writes are left out).
    const writes: string[] = []
    const write = vi.spyOn(net.Socket.prototype, 'write')
    write.mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      if (this.connecting || this.remotePort === server.port) writes.push(String(args[0]))
      return originalWrite.apply(this, args as Parameters<typeof originalWrite>)
    })
    try {
      const outcome = await startProcess({ ...request(server.url), payload: { name: 'Zoë' } })
      expect(outcome.status).toBe('started')
    } finally {
      write.mockRestore()
    }
    expect(writes).toHaveLength(1)
    expect(writes[0]).toMatch(/^POST /)
    // The exact UTF-8 bytes of the body, after the head.
    expect(Buffer.from(writes[0], 'latin1').toString('utf8')).toMatch(/\r\n\r\n\{"name":"Zoë"\}$/)
    expect(server.received[0].body).toBe('{"name":"Zoë"}')
  })

  it('keeps one TCP keep-alive delay on a reused connection (no switching per start)', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const delays: unknown[] = []
    const setKeepAlive = vi.spyOn(net.Socket.prototype, 'setKeepAlive')
    setKeepAlive.mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      delays.push(args[1])
      return originalSetKeepAlive.apply(this, args as Parameters<typeof originalSetKeepAlive>)
    })
    try {
      for (let n = 0; n < 3; n++) {
        expect((await startProcess(request(server.url))).status).toBe('started')
      }
    } finally {
      setKeepAlive.mockRestore()
    }
    // The pool puts each socket back with the delay axios sets when it takes it again.
    expect(delays.length).toBeGreaterThan(2)
    expect(new Set(delays)).toEqual(new Set([TCP_KEEPALIVE_MS]))
  })

  it('reports a start on a reused connection that fails before any answer as unknown, and never resends it', async () => {
    // A raw server: answers the first start and keeps the connection; on the next one it resets
    // the connection at its first bytes, while our large request is still being written.
    const seen: string[] = []
    const server = net.createServer((socket) => {
      let buffered = ''
      let answered = false
      socket.on('data', (chunk: Buffer) => {
        if (answered) {
          seen.push('second')
          socket.resetAndDestroy()
          return
        }
        buffered += chunk.toString('latin1')
        const end = buffered.indexOf('\r\n\r\n')
        const length = Number(/content-length: (\d+)/i.exec(buffered)?.[1] ?? 0)
        if (end >= 0 && buffered.length >= end + 4 + length) {
          answered = true
          seen.push('first')
          const body = JSON.stringify(INSTANCE)
          socket.write(
            `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`
          )
        }
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
    try {
      expect((await startProcess(request(url))).status).toBe('started')
      const big = { filler: 'x'.repeat(900_000) }
      const second = await startProcess({ ...request(url), payload: big })
      expect(second).toMatchObject({ status: 'unknown', requestSent: true })
      expect(second.error?.hint).toMatch(/check FlowX before launching again/i)
      // Sent once, never again.
      expect(seen).toEqual(['first', 'second'])
    } finally {
      closePooledConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('keeps a refused new connection a clean failure', async () => {
    const outcome = await startProcess(request(`http://127.0.0.1:${await closedPort()}`))
    expect(outcome).toMatchObject({ status: 'failed', requestSent: false })
  })
})
