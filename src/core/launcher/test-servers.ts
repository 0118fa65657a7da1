/** Small purpose-made servers on 127.0.0.1 for the launcher's tests (STYLE.md A12). */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach } from 'vitest'

/** A request as the server saw it; `url` is the raw request target, undecoded. */
export interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** Answers one request once its body has been read. */
export type Respond = (
  received: Received,
  res: http.ServerResponse,
  req: http.IncomingMessage
) => void

/** A running test server. */
export interface TestServer {
  url: string
  port: number
  received: Received[]
  close(): Promise<void>
}

function closeServer(server: http.Server | net.Server): Promise<void> {
  if (server instanceof http.Server) server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

function listen(server: http.Server | net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
  })
}

/** An HTTP (or, given a key pair, HTTPS) server that records every request and lets `respond` answer. */
export async function startServer(
  respond: Respond,
  tls?: { key: string; cert: string }
): Promise<TestServer> {
  const received: Received[] = []
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const entry: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      received.push(entry)
      respond(entry, res, req)
    })
  }
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler)
  const port = await listen(server)
  const scheme = tls ? 'https' : 'http'
  return { url: `${scheme}://127.0.0.1:${port}`, port, received, close: () => closeServer(server) }
}

/** A TCP server that accepts connections and never says anything (e.g. a stalled TLS handshake). */
export async function startSilentServer(
  onConnection: (socket: net.Socket) => void = () => undefined
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    onConnection(socket)
  })
  const port = await listen(server)
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return closeServer(server)
    }
  }
}

/** A port on 127.0.0.1 that was just free and has nothing listening. */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  const port = await listen(server)
  await closeServer(server)
  return port
}

/** Send a JSON body. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json'
): void {
  res.writeHead(status, { 'Content-Type': contentType })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

/** A self-signed certificate made with openssl, or undefined (with why) when openssl is missing. */
export function makeCertificate(
  hostNames: string[]
): { key: string; cert: string } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-cert-'))
  try {
    const san = hostNames.map((h) => (/^[\d.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '2',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        `/CN=${hostNames[0]}`,
        '-addext',
        `subjectAltName=${san}`
      ],
      { stdio: 'ignore' }
    )
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
    }
  } catch (error) {
    return { skip: `openssl could not make a test certificate: ${(error as Error).message}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What a forward proxy saw: plain requests (absolute URL) and CONNECT tunnels. */
export interface ProxySeen {
  method: string
  /** The absolute URL of a plain request, or host:port of a CONNECT. */
  url: string
  headers: http.IncomingHttpHeaders
  /** The request body, or for a CONNECT every byte the client sent through the tunnel. */
  body: Buffer
}

/** A running forward proxy. */
export interface TestProxy {
  url: string
  port: number
  seen: ProxySeen[]
  close(): Promise<void>
}

/**
 * A tiny forward proxy on 127.0.0.1 that records what it receives. It forwards plain http
 * requests and tunnels CONNECT, always to 127.0.0.1 whatever the host name (so tests can use names
 * like flowx.test); with `refuse` it answers every request and CONNECT with that status instead.
 */
export async function startForwardProxy(refuse?: number): Promise<TestProxy> {
  const seen: ProxySeen[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      if (refuse) {
        res.writeHead(refuse, { 'Proxy-Authenticate': 'Basic realm="test"' }).end()
        return
      }
      const target = new URL(req.url ?? '')
      const headers = { ...req.headers }
      delete headers['proxy-authorization']
      const upstream = http.request(
        { host: '127.0.0.1', port: target.port, path: target.pathname + target.search },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.writeHead(502).end())
      for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) upstream.setHeader(name, value)
      }
      upstream.end(body)
    })
  })
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const entry: ProxySeen = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: head
    }
    seen.push(entry)
    client.on('error', () => undefined)
    if (refuse) {
      client.end(`HTTP/1.1 ${refuse} Refused\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n`)
      return
    }
    const port = Number((req.url ?? '').split(':').pop())
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      client.on('data', (chunk: Buffer) => {
        entry.body = Buffer.concat([entry.body, chunk])
      })
      client.pipe(upstream)
      upstream.pipe(client)
    })
    sockets.add(upstream)
    upstream.once('close', () => sockets.delete(upstream))
    // Like a real proxy: a target it cannot reach is a 502 answer to the CONNECT.
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'))
  })
  const port = await listen(server)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return closeServer(server)
    }
  }
}

/** Start servers from a test file; each is closed after the test that started it. */
export function useTestServers(): {
  serve(respond: Respond, tls?: { key: string; cert: string }): Promise<TestServer>
  silent(onConnection?: (socket: net.Socket) => void): Promise<{ port: number }>
  proxy(refuse?: number): Promise<TestProxy>
} {
  const open: { close(): Promise<void> }[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()))
  })
  const track = <T extends { close(): Promise<void> }>(server: T): T => {
    open.push(server)
    return server
  }
  return {
    serve: async (respond, tls) => track(await startServer(respond, tls)),
    silent: async (onConnection) => track(await startSilentServer(onConnection)),
    proxy: async (refuse) => track(await startForwardProxy(refuse))
  }
}
